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

// 24 bytes: the insertion order and the type share one word (order in the high 56 bits), so
// comparing that word compares the order, and a heap node fits three to a 64-byte cache line
// pair instead of two.
struct Event {
    std::int64_t time;
    std::uint64_t orderAndType; // insertion order << 8 | EventType
    std::int32_t a;
    std::uint32_t b;

    EventType type() const { return static_cast<EventType>(orderAndType & 0xFF); }
};

// A 4-ary heap ordered by (time, insertion order): a strict total order, so events come out in
// exactly the order any correct priority queue gives. Four children per node halve the depth of
// a binary heap, and sifting moves a hole instead of swapping.
//
// The handler of a popped event nearly always pushes a new one, so pop() leaves the root in
// place and marks it vacant; the next push() drops its event into the vacant root and sifts it
// down: one sift instead of a sift-down for the pop and a sift-up for the push.
class EventQueue {
public:
    void push(std::int64_t time, EventType type, std::int32_t a = 0, std::uint32_t b = 0) {
        const Event e{time, (m_next++ << 8) | static_cast<std::uint64_t>(type), a, b};
        if (m_rootVacant) {
            m_rootVacant = false;
            siftDown(e);
            return;
        }
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
    bool empty() const { return m_heap.size() == (m_rootVacant ? 1u : 0u); }
    // The earliest event. Valid until the next push() or pop().
    const Event& pop() {
        if (m_rootVacant)
            removeRoot();
        m_rootVacant = true;
        return m_heap.front();
    }

private:
    static constexpr std::size_t kArity = 4;
    static bool earlier(const Event& x, const Event& y) {
        return x.time != y.time ? x.time < y.time : x.orderAndType < y.orderAndType;
    }
    // Fills the root with the last event.
    void removeRoot() {
        const Event last = m_heap.back();
        m_heap.pop_back();
        if (!m_heap.empty())
            siftDown(last);
    }
    // Places `e` from the root downwards; the root's old content is overwritten.
    void siftDown(const Event& e) {
        const std::size_t n = m_heap.size();
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
            if (!earlier(m_heap[best], e))
                break;
            m_heap[hole] = m_heap[best];
            hole = best;
        }
        m_heap[hole] = e;
    }

    std::vector<Event> m_heap;
    std::uint64_t m_next = 0;
    bool m_rootVacant = false; // the root was popped and awaits a push or the next pop
};

} // namespace pipescope::sim
