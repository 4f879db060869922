// The simulator's event queue: events come out by (time, insertion order) whatever the mix of
// pushes, pops and rescheduled slots, since the simulator's results depend on that exact order.
#include "sim/event_queue.h"
#include "sim/random.h"

#include <QTest>

#include <set>
#include <utility>

using namespace pipescope::sim;

class TestEventQueue : public QObject {
    Q_OBJECT
private slots:
    void popsInTimeThenInsertionOrder_data() {
        QTest::addColumn<int>("timeRange"); // small ranges force many ties
        QTest::addColumn<int>("slotCount");
        QTest::newRow("ties, no slots") << 8 << 0;
        QTest::newRow("spread, no slots") << 1000000 << 0;
        QTest::newRow("ties, four slots") << 8 << 4;
        QTest::newRow("spread, sixteen slots") << 1000000 << 16;
        // An instance file may describe up to 1,024 chips, one DRAM slot each.
        QTest::newRow("ties, 1024 slots") << 8 << 1024;
    }
    void popsInTimeThenInsertionOrder() {
        QFETCH(int, timeRange);
        QFETCH(int, slotCount);
        EventQueue queue(slotCount);
        Random random(7);
        // The reference: every pending event's (time, insertion number); a slot's pending one is
        // replaced by a reschedule, and its number goes to `a` so a pop can be identified.
        std::set<std::pair<std::int64_t, std::int32_t>> pending;
        std::vector<std::pair<std::int64_t, std::int32_t>> slotPending(static_cast<std::size_t>(slotCount),
                                                                       {-1, -1});
        std::int32_t inserted = 0;
        std::int64_t now = 0;
        std::int64_t dropped = 0;
        for (int step = 0; step < 20000; ++step) {
            const double roll = random.uniform();
            if (slotCount > 0 && roll > 0.95) {
                // A cancel, often of the slot just popped (its path is replayed lazily).
                const int slot = static_cast<int>(random.next() % slotCount);
                auto& old = slotPending[static_cast<std::size_t>(slot)];
                if (old.second >= 0) {
                    pending.erase(old);
                    ++dropped;
                }
                queue.cancel(slot);
                old = {-1, -1};
            } else if (roll < 0.45 || pending.empty()) {
                const std::int64_t time = now + static_cast<std::int64_t>(random.next() % timeRange);
                const std::int32_t id = inserted++;
                if (slotCount > 0 && roll < 0.15) {
                    const int slot = static_cast<int>(random.next() % slotCount);
                    auto& old = slotPending[static_cast<std::size_t>(slot)];
                    if (old.second >= 0) {
                        pending.erase(old);
                        ++dropped;
                    }
                    queue.reschedule(slot, time, EventType::StreamCheck, id,
                                     static_cast<std::uint32_t>(slot));
                    old = {time, id};
                } else {
                    queue.push(time, EventType::GpuDone, id);
                }
                pending.insert({time, id});
            } else {
                QVERIFY(!queue.empty());
                const Event e = queue.pop();
                const auto expected = *pending.begin();
                pending.erase(pending.begin());
                QCOMPARE(e.time, expected.first);
                QCOMPARE(e.a, expected.second);
                if (e.type() == EventType::StreamCheck)
                    slotPending[e.b] = {-1, -1};
                now = e.time;
            }
        }
        while (!pending.empty()) {
            QVERIFY(!queue.empty());
            QCOMPARE(queue.pop().a, pending.begin()->second);
            pending.erase(pending.begin());
        }
        QVERIFY(queue.empty());
        QCOMPARE(queue.dropped(), dropped);
    }

    void rescheduleDropsThePendingEventOfItsSlot() {
        EventQueue queue(2);
        queue.push(20, EventType::GpuDone, 1);              // before the slot's event at equal time
        queue.reschedule(0, 30, EventType::StreamCheck, 2); // replaced below
        queue.reschedule(0, 20, EventType::StreamCheck, 3);
        queue.push(20, EventType::GpuDone, 4); // after it
        queue.reschedule(1, 5, EventType::StreamCheck, 5);
        queue.cancel(1);
        QCOMPARE(queue.dropped(), std::int64_t{2});
        QCOMPARE(queue.latestDropped(), std::int64_t{30});
        QCOMPARE(queue.pop().a, 1);
        QCOMPARE(queue.pop().a, 3);
        QCOMPARE(queue.pop().a, 4);
        QVERIFY(queue.empty());
    }
};

QTEST_GUILESS_MAIN(TestEventQueue)
#include "tst_event_queue.moc"
