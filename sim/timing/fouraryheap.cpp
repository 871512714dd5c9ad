// FourAryHeap: sift with a hole (the moving entry is written once, at its final place) and keep
// positionOf_ in step with every move.
#include "sim/timing/fouraryheap.h"

#include <cassert>

namespace pipelab::timing {

void FourAryHeap::place(std::size_t index, const QueueEntry& entry)
{
    heap_[index] = entry;
    positionOf_[entry.id] = static_cast<std::uint32_t>(index);
}

void FourAryHeap::siftUp(std::size_t index, QueueEntry entry)
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

void FourAryHeap::siftDown(std::size_t index, QueueEntry entry)
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

void FourAryHeap::push(const QueueEntry& entry)
{
    if (entry.id >= positionOf_.size())
        positionOf_.resize(static_cast<std::size_t>(entry.id) + 1, kAbsent);
    assert(positionOf_[entry.id] == kAbsent);
    heap_.push_back(entry);
    siftUp(heap_.size() - 1, entry);
}

void FourAryHeap::removeAt(std::size_t index)
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

QueueEntry FourAryHeap::popMin()
{
    assert(!heap_.empty());
    const QueueEntry top = heap_.front();
    removeAt(0);
    return top;
}

bool FourAryHeap::cancel(std::uint32_t id)
{
    if (id >= positionOf_.size() || positionOf_[id] == kAbsent)
        return false;
    removeAt(positionOf_[id]);
    return true;
}

} // namespace pipelab::timing
