// FourAryHeap: an implicit 4-ary min-heap of QueueEntry with a position index per id, so cancel()
// is O(log n) instead of a scan. Four children per node halve the depth of a binary heap and keep
// siblings in one cache line, which is why OMNeT++'s FES and most DES kernels prefer it. The
// class is final and its per-event operations are inline here: the Simulator, templated on its
// queue, calls them directly (no virtual call, sifts inlined into its loop); tests still use it
// through EventQueue.
#pragma once

#include "sim/timing/eventqueue.h"

#include <cassert>
#include <vector>

namespace pipelab::timing {

class FourAryHeap final : public EventQueue {
public:
    void push(const QueueEntry& entry) override;
    QueueEntry popMin() override;
    bool cancel(std::uint32_t id) override;
    std::size_t size() const override { return heap_.size(); }
    std::string_view name() const override { return "four_ary_heap"; }

    bool empty() const { return heap_.empty(); }
    // The earliest entry, without removing it. Precondition: !empty().
    const QueueEntry& top() const { return heap_.front(); }

private:
    static constexpr std::uint32_t kAbsent = 0xffffffffu;

    void place(std::size_t index, const QueueEntry& entry);
    void siftUp(std::size_t index, QueueEntry entry);
    void siftDown(std::size_t index, QueueEntry entry);
    void removeAt(std::size_t index);

    std::vector<QueueEntry> heap_;
    std::vector<std::uint32_t> positionOf_; // id → index in heap_, kAbsent when not pending
};

inline void FourAryHeap::place(std::size_t index, const QueueEntry& entry)
{
    heap_[index] = entry;
    positionOf_[entry.id] = static_cast<std::uint32_t>(index);
}

// Sifts move a hole: the moving entry is written once, at its final place.
inline void FourAryHeap::siftUp(std::size_t index, QueueEntry entry)
{
    while (index > 0) {
        const std::size_t parent = (index - 1) / 4;
        if (!earlier(entry, heap_[parent]))
            break;
        place(index, heap_[parent]);
        index = parent;
    }
    place(index, entry);
}

inline void FourAryHeap::siftDown(std::size_t index, QueueEntry entry)
{
    const std::size_t n = heap_.size();
    for (;;) {
        const std::size_t first = 4 * index + 1;
        if (first >= n)
            break;
        std::size_t best = first;
        const std::size_t last = first + 4 < n ? first + 4 : n;
        for (std::size_t child = first + 1; child < last; ++child) {
            if (earlier(heap_[child], heap_[best]))
                best = child;
        }
        if (!earlier(heap_[best], entry))
            break;
        place(index, heap_[best]);
        index = best;
    }
    place(index, entry);
}

inline void FourAryHeap::push(const QueueEntry& entry)
{
    if (entry.id >= positionOf_.size()) [[unlikely]]
        positionOf_.resize(static_cast<std::size_t>(entry.id) + 1, kAbsent);
    assert(positionOf_[entry.id] == kAbsent);
    heap_.push_back(entry);
    siftUp(heap_.size() - 1, entry);
}

inline void FourAryHeap::removeAt(std::size_t index)
{
    positionOf_[heap_[index].id] = kAbsent;
    const QueueEntry last = heap_.back();
    heap_.pop_back();
    if (index == heap_.size())
        return;
    // The former last entry fills the hole; it may need to go either way.
    if (index > 0 && earlier(last, heap_[(index - 1) / 4]))
        siftUp(index, last);
    else
        siftDown(index, last);
}

inline QueueEntry FourAryHeap::popMin()
{
    assert(!heap_.empty());
    const QueueEntry top = heap_.front();
    positionOf_[top.id] = kAbsent;
    const QueueEntry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty())
        siftDown(0, last);
    return top;
}

} // namespace pipelab::timing
