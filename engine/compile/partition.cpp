#include "compile/partition.h"

#include <algorithm>
#include <limits>

namespace pipescope::compile {

// Exact dynamic programme over prefix sums: best[k][i] is the smallest possible slowest stage when
// the first i operators form k stages. O(parts * n^2) with n in the hundreds is a few milliseconds
// at most, and unlike a greedy split it is provably optimal (the tests compare it with brute force).
std::vector<int> partitionMinMax(const std::vector<double>& costs, int parts) {
    const int n = static_cast<int>(costs.size());
    if (parts < 1 || n == 0)
        return {0};
    parts = std::min(parts, n);
    std::vector<double> prefix(n + 1, 0.0);
    for (int i = 0; i < n; ++i)
        prefix[i + 1] = prefix[i] + std::max(0.0, costs[i]);

    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> best(parts + 1, std::vector<double>(n + 1, inf));
    std::vector<std::vector<int>> cut(parts + 1, std::vector<int>(n + 1, 0));
    best[0][0] = 0;
    for (int k = 1; k <= parts; ++k) {
        for (int i = k; i <= n - (parts - k); ++i) {
            for (int j = k - 1; j < i; ++j) {
                if (best[k - 1][j] == inf)
                    continue;
                const double slowest = std::max(best[k - 1][j], prefix[i] - prefix[j]);
                // Ties go to the later cut so that earlier stages are no smaller than necessary;
                // any choice is optimal for the slowest stage.
                if (slowest <= best[k][i]) {
                    best[k][i] = slowest;
                    cut[k][i] = j;
                }
            }
        }
    }
    std::vector<int> starts(parts, 0);
    int end = n;
    for (int k = parts; k >= 1; --k) {
        starts[k - 1] = cut[k][end];
        end = cut[k][end];
    }
    return starts;
}

} // namespace pipescope::compile
