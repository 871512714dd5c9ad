// FourAryHeap: an implicit 4-ary min-heap of QueueEntry with a position index per id, so cancel()
// is O(log n) instead of a scan. Four children per node halve the depth of a binary heap and keep
// siblings in one cache line, which is why OMNeT++'s FES and most DES kernels prefer it.
#pragma once

#include "sim/timing/eventqueue.h"

#include <vector>

namespace pipelab::timing {

class FourAryHeap final : public EventQueue {
public:
    void push(const QueueEntry& entry) override;
    QueueEntry popMin() override;
    bool cancel(std::uint32_t id) override;
    std::size_t size() const override { return heap_.size(); }
    std::string_view name() const override { return "four_ary_heap"; }

private:
    static constexpr std::uint32_t kAbsent = 0xffffffffu;

    void place(std::size_t index, const QueueEntry& entry);
    void siftUp(std::size_t index, QueueEntry entry);
    void siftDown(std::size_t index, QueueEntry entry);
    void removeAt(std::size_t index);

    std::vector<QueueEntry> heap_;
    std::vector<std::uint32_t> positionOf_; // id → index in heap_, kAbsent when not pending
};

} // namespace pipelab::timing
