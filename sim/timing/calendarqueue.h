// CalendarQueue: R. Brown's calendar queue (CACM 31(10), 1988). Pending events are hashed by time
// into a ring of buckets ("days") of equal width; popping walks the days of the current "year".
// With the width re-estimated from the spacing of the earliest events whenever the bucket count
// doubles or halves, push and pop take O(1) expected time at any queue size, where a heap pays
// O(log n). Each bucket is a vector sorted latest-first, so its earliest entry is popped from the
// back and the vectors' capacity is reused: no allocation once the queue has reached its size.
#pragma once

#include "sim/timing/eventqueue.h"

#include <vector>

namespace pipelab::timing {

class CalendarQueue final : public EventQueue {
public:
    CalendarQueue();

    void push(const QueueEntry& entry) override;
    QueueEntry popMin() override;
    bool cancel(std::uint32_t id) override;
    std::size_t size() const override { return size_; }
    bool empty() const { return size_ == 0; }
    std::string_view name() const override { return "calendar_queue"; }

    std::size_t bucketCount() const { return bucketCount_; }
    SimTime bucketWidth() const { return width_; }

private:
    static constexpr std::uint32_t kAbsent = 0xffffffffu;
    static constexpr std::size_t kMinBuckets = 4;

    std::size_t bucketOfTime(SimTime time) const { return static_cast<std::size_t>(time / width_) & mask_; }
    void insert(const QueueEntry& entry);
    void startYearAt(SimTime time);
    QueueEntry take(std::size_t bucket);
    void afterRemoval();
    void resize(std::size_t newCount);
    SimTime estimateWidth();

    std::vector<std::vector<QueueEntry>> buckets_;
    std::size_t bucketCount_ = kMinBuckets;
    std::size_t mask_ = kMinBuckets - 1;
    SimTime width_ = kNanosPerMilli;
    std::size_t current_ = 0;    // the day being walked
    SimTime dayEnd_ = kNanosPerMilli; // end (exclusive) of the current day; no pending entry is
                                      // earlier than its start
    std::size_t size_ = 0;
    std::size_t farPops_ = 0; // pops that found nothing in a whole year: the width is off
    std::vector<std::uint32_t> bucketOf_; // id → bucket index, kAbsent when not pending
    std::vector<QueueEntry> scratch_;     // reused by resize()
};

} // namespace pipelab::timing
