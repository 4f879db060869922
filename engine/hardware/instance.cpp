#include "hardware/instance.h"

namespace pipescope::hardware {

double InstanceSpec::price(const QString& priceSet) const {
    const auto it = pricePerHour.find(priceSet);
    return it == pricePerHour.end() ? -1.0 : it->second;
}

} // namespace pipescope::hardware
