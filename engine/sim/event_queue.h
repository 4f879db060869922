#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

namespace pipescope::sim {

// What a scheduled event does when its time comes; `a` and `b` are its arguments.
enum class EventType : std::uint8_t {
    ClientIssue,  // a = client
    HostDone,     // a = request: the host finished its serialised work on it
    DeviceArrive, // a = request: input copied, enters stage 0 of its group
    StreamCheck,  // a = chip: a weight stream of the chip's DRAM may be done
    GpuDone,      // the GPU's request is done and its output copied back
    DeviceDone,   // a = request: result copied back to the host
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
//
// Besides the heap, a few keyed slots (one per chip's DRAM schedule) hold at most one event each:
// reschedule() replaces a slot's pending event instead of leaving it in the heap to be popped
// and ignored later. The replaced event is counted in dropped() and its time kept, so a caller
// can account for it as if it had been popped; the order numbers given out are the same as
// push() would give, so the order of everything else is unchanged.
class EventQueue {
public:
    explicit EventQueue(int slotCount = 0)
        : m_slotEvent(static_cast<std::size_t>(slotCount))
        , m_slotPending(static_cast<std::size_t>(slotCount), 0) {
        assert(slotCount < 0xFFFF); // a slot's number is kept in 16 bits of its key (SlotKey)
        while (m_leaves < m_slotEvent.size())
            m_leaves *= 2;
        m_tree.assign(2 * m_leaves, kNoSlot);
    }

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
    // Drops the slot's pending event, if any (see dropped()).
    void cancel(int slot) {
        const auto i = static_cast<std::size_t>(slot);
        const bool stale = unstale(slot);
        if (m_slotPending[i])
            drop(i);
        else if (!stale)
            return;
        updateSlot(i);
    }
    // Replaces the slot's pending event (dropping it) with a new one, ordered as push() orders.
    void reschedule(int slot, std::int64_t time, EventType type, std::int32_t a = 0, std::uint32_t b = 0) {
        const auto i = static_cast<std::size_t>(slot);
        unstale(slot);
        if (m_slotPending[i])
            drop(i);
        m_slotEvent[i] = Event{time, (m_next++ << 8) | static_cast<std::uint64_t>(type), a, b};
        m_slotPending[i] = 1;
        updateSlot(i);
    }
    // The time of the slot's pending event, -1 when none is pending.
    std::int64_t slotTime(int slot) const {
        const auto i = static_cast<std::size_t>(slot);
        return m_slotPending[i] ? m_slotEvent[i].time : -1;
    }
    // Not const: it brings the slots' tournament up to date first (see m_staleSlot).
    bool empty() {
        settle();
        return m_heap.size() == (m_rootVacant ? 1u : 0u) && m_tree[1] == kNoSlot;
    }
    // The earliest event. Valid until the next push(), reschedule() or pop().
    const Event& pop() {
        if (m_rootVacant) {
            m_rootVacant = false;
            removeRoot();
        }
        settle();
        const int slotMin = slotOf(m_tree[1]);
        if (slotMin >= 0 &&
            (m_heap.empty() || earlier(m_slotEvent[static_cast<std::size_t>(slotMin)], m_heap.front()))) {
            const auto i = static_cast<std::size_t>(slotMin);
            m_slotPending[i] = 0;
            m_slotPopped = m_slotEvent[i];
            // The handler nearly always reschedules this slot: its tournament path is replayed
            // then, once, instead of now and again then (see settle()).
            m_staleSlot = slotMin;
            return m_slotPopped;
        }
        m_rootVacant = true;
        return m_heap.front();
    }
    // Events replaced or cancelled before their time, and the latest time among them.
    std::int64_t dropped() const { return m_dropped; }
    std::int64_t latestDropped() const { return m_latestDropped; }

private:
    static constexpr std::size_t kArity = 4;
    // Without short-circuits, so that picking the earliest child compiles to conditional moves
    // (which child is earliest is a coin toss the branch predictor loses).
    static bool earlier(const Event& x, const Event& y) {
        return (x.time < y.time) | ((x.time == y.time) & (x.orderAndType < y.orderAndType));
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
    void drop(std::size_t i) {
        m_slotPending[i] = 0;
        ++m_dropped;
        m_latestDropped = std::max(m_latestDropped, m_slotEvent[i].time);
    }
    // A tournament over the slots: each node holds the key of the earlier of its children's
    // winners, the root (m_tree[1]) the earliest pending slot. A change to one slot replays only
    // its path to the root (4 matches for the 16 chips of the largest instance), where a scan of
    // every slot on each DRAM update showed in the profile. A key is one 128-bit number: the time
    // in the high half; in the low half the insertion order above the slot's 16 bits (an order
    // number stays far below 2^48: a run pushes at most a few billion events). A match is one
    // comparison and one move.
    __extension__ typedef unsigned __int128 SlotKey;
    static constexpr SlotKey kNoSlot = ~SlotKey{0};
    static constexpr unsigned kSlotBits = 16;
    static SlotKey keyOf(const Event& e, std::size_t slot) {
        const std::uint64_t order = e.orderAndType >> 8;
        return (static_cast<SlotKey>(static_cast<std::uint64_t>(e.time)) << 64) | (order << kSlotBits) | slot;
    }
    static int slotOf(SlotKey key) {
        return key == kNoSlot ? -1 : static_cast<int>(key & ((1u << kSlotBits) - 1));
    }
    void updateSlot(std::size_t i) {
        std::size_t node = m_leaves + i;
        SlotKey key = m_slotPending[i] ? keyOf(m_slotEvent[i], i) : kNoSlot;
        m_tree[node] = key;
        // The winner so far stays in a register and meets only its sibling at each level: reading
        // back the node just written stalled on the store.
        for (; node > 1; node /= 2) {
            key = std::min(key, m_tree[node ^ 1]);
            m_tree[node / 2] = key;
        }
    }
    // The popped slot's leaf still holds the popped key until its path is replayed: here, before
    // the root is read, unless the slot was rescheduled or cancelled first (unstale()). Other
    // slots may be updated meanwhile: a node that sees the stale key is an ancestor of the stale
    // leaf, and the replay recomputes every one of them from siblings that never saw it. (The
    // handler of a DRAM check usually reschedules the next stage's chip before its own.)
    void settle() {
        if (m_staleSlot < 0)
            return;
        const auto stale = static_cast<std::size_t>(m_staleSlot);
        m_staleSlot = -1;
        updateSlot(stale);
    }
    // The slot's path is about to be replayed: it is no longer stale. Returns whether it was.
    bool unstale(int slot) {
        if (m_staleSlot != slot)
            return false;
        m_staleSlot = -1;
        return true;
    }

    std::vector<Event> m_heap;
    std::uint64_t m_next = 0;
    bool m_rootVacant = false; // the root was popped and awaits a push or the next pop
    std::vector<Event> m_slotEvent;
    std::vector<std::uint8_t> m_slotPending; // bytes: std::vector<bool>'s bit access is slower
    std::size_t m_leaves = 1;                // the tournament's leaves: slots rounded up to a power of two
    std::vector<SlotKey> m_tree;             // 1-based; leaf of slot i at m_leaves + i
    int m_staleSlot = -1;                    // popped, its path not yet replayed (settle())
    Event m_slotPopped{};
    std::int64_t m_dropped = 0;
    std::int64_t m_latestDropped = 0;
};

} // namespace pipescope::sim
