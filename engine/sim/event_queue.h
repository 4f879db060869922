#pragma once

#include <cstdint>
#include <vector>

namespace pipescope::sim {

// What a scheduled event does when its time comes; `a` and `b` are its arguments.
enum class EventType : std::uint8_t {
    ClientIssue,   // a = client
    HostDone,      // a = request: the host finished its serialised work on it
    DeviceArrive,  // a = request: input copied, enters stage 0 of its group
    StageComputed, // a = core, b = generation of that core's execution
    StageFinish,   // a = core, b = generation: the last streamed chunk has been computed
    StreamCheck,   // a = chip, b = generation of the chip's DRAM schedule
    TransferDone,  // a = core
    DeviceDone,    // a = request: result copied back to the host
};

struct Event {
    std::int64_t time;
    std::uint64_t order; // insertion order: ties at equal time keep it, so runs are deterministic
    std::int32_t a;
    std::uint32_t b;
    EventType type;
};

// A 4-ary heap ordered by (time, insertion order): a strict total order, so events come out in
// exactly the order any correct priority queue gives. Four children per node halve the depth of
// std::priority_queue's binary heap, and sifting moves a hole instead of swapping, which the
// simulator's profile favoured (the queue is pushed and popped once per simulated event).
class EventQueue {
public:
    void push(std::int64_t time, EventType type, std::int32_t a = 0, std::uint32_t b = 0) {
        const Event e{time, m_next++, a, b, type};
        std::size_t hole = m_heap.size();
        m_heap.push_back(e);
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / kArity;
            if (!earlier(e, m_heap[parent]))
                break;
            m_heap[hole] = m_heap[parent];
            hole = parent;
        }
        m_heap[hole] = e;
    }
    bool empty() const { return m_heap.empty(); }
    Event pop() {
        const Event top = m_heap.front();
        const Event last = m_heap.back();
        m_heap.pop_back();
        const std::size_t n = m_heap.size();
        if (n == 0)
            return top;
        std::size_t hole = 0;
        for (;;) {
            const std::size_t first = kArity * hole + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t end = first + kArity < n ? first + kArity : n;
            for (std::size_t child = first + 1; child < end; ++child)
                if (earlier(m_heap[child], m_heap[best]))
                    best = child;
            if (!earlier(m_heap[best], last))
                break;
            m_heap[hole] = m_heap[best];
            hole = best;
        }
        m_heap[hole] = last;
        return top;
    }
    std::uint64_t processed() const { return m_next; }

private:
    static constexpr std::size_t kArity = 4;
    static bool earlier(const Event& x, const Event& y) {
        return x.time != y.time ? x.time < y.time : x.order < y.order;
    }
    std::vector<Event> m_heap;
    std::uint64_t m_next = 0;
};

} // namespace pipescope::sim
