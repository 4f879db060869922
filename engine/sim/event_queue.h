#pragma once

#include <cstdint>
#include <queue>
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

// A binary heap ordered by (time, insertion order).
class EventQueue {
public:
    void push(std::int64_t time, EventType type, std::int32_t a = 0, std::uint32_t b = 0) {
        m_heap.push(Event{time, m_next++, a, b, type});
    }
    bool empty() const { return m_heap.empty(); }
    Event pop() {
        Event e = m_heap.top();
        m_heap.pop();
        return e;
    }

private:
    struct Later {
        bool operator()(const Event& x, const Event& y) const {
            return x.time != y.time ? x.time > y.time : x.order > y.order;
        }
    };
    std::priority_queue<Event, std::vector<Event>, Later> m_heap;
    std::uint64_t m_next = 0;
};

} // namespace pipescope::sim
