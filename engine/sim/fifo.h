#pragma once

#include <cstddef>
#include <vector>

namespace pipescope::sim {

// A first-in first-out queue in a power-of-two ring buffer. std::deque allocates and frees a
// block whenever a short queue crosses a block boundary, which showed in the simulator's profile
// (a stage queue is pushed and popped once per request per stage).
template <typename T> class Fifo {
public:
    bool empty() const { return m_head == m_tail; }
    std::size_t size() const { return m_tail - m_head; }
    const T& front() const { return m_items[m_head & (m_items.size() - 1)]; }
    void pop_front() { ++m_head; }
    void push_back(const T& value) {
        if (size() == m_items.size())
            grow();
        m_items[m_tail++ & (m_items.size() - 1)] = value;
    }

private:
    void grow() {
        std::vector<T> items(m_items.empty() ? 8 : 2 * m_items.size());
        for (std::size_t i = 0; i < size(); ++i)
            items[i] = m_items[(m_head + i) & (m_items.size() - 1)];
        m_tail = size();
        m_head = 0;
        m_items.swap(items);
    }

    std::vector<T> m_items;
    std::size_t m_head = 0, m_tail = 0; // ever-growing positions, masked on access
};

} // namespace pipescope::sim
