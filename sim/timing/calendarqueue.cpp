// CalendarQueue: Brown's algorithm on integer time, ordered by the full (time, priority, sequence)
// key. Entries at the same time always share a bucket, and a bucket is sorted by the full key, so
// ties come out in key order exactly as from the heap.
#include "sim/timing/calendarqueue.h"

#include <algorithm>
#include <cassert>

namespace pipelab::timing {

namespace {

// Later entries first: the earliest entry of a bucket sits at its back.
bool later(const QueueEntry& a, const QueueEntry& b) { return earlier(b, a); }

} // namespace

CalendarQueue::CalendarQueue() : buckets_(kMinBuckets) {}

void CalendarQueue::startYearAt(SimTime time)
{
    current_ = bucketOfTime(time);
    dayEnd_ = (time / width_ + 1) * width_;
}

void CalendarQueue::insert(const QueueEntry& entry)
{
    const std::size_t bucket = bucketOfTime(entry.time);
    std::vector<QueueEntry>& days = buckets_[bucket];
    days.insert(std::lower_bound(days.begin(), days.end(), entry, later), entry);
    bucketOf_[entry.id] = static_cast<std::uint32_t>(bucket);
}

void CalendarQueue::push(const QueueEntry& entry)
{
    assert(entry.time >= 0);
    if (entry.id >= bucketOf_.size())
        bucketOf_.resize(static_cast<std::size_t>(entry.id) + 1, kAbsent);
    assert(bucketOf_[entry.id] == kAbsent);
    insert(entry);
    // Keep the invariant "nothing pending before the current day" for entries in the past of the
    // walk (a DES never pushes those, a general priority queue may).
    if (size_ == 0 || entry.time < dayEnd_ - width_)
        startYearAt(entry.time);
    ++size_;
    if (size_ > 2 * bucketCount_)
        resize(2 * bucketCount_);
}

QueueEntry CalendarQueue::take(std::size_t bucket)
{
    std::vector<QueueEntry>& days = buckets_[bucket];
    const QueueEntry entry = days.back();
    days.pop_back();
    bucketOf_[entry.id] = kAbsent;
    --size_;
    return entry;
}

void CalendarQueue::afterRemoval()
{
    if (bucketCount_ > kMinBuckets && size_ < bucketCount_ / 2)
        resize(bucketCount_ / 2);
}

QueueEntry CalendarQueue::popMin()
{
    assert(size_ > 0);
    for (std::size_t walked = 0; walked < bucketCount_; ++walked) {
        const std::vector<QueueEntry>& days = buckets_[current_];
        if (!days.empty() && days.back().time < dayEnd_) {
            const QueueEntry entry = take(current_);
            afterRemoval();
            return entry;
        }
        current_ = (current_ + 1) & mask_;
        dayEnd_ += width_;
    }
    // A whole year without an entry: jump straight to the earliest one.
    std::size_t best = bucketCount_;
    for (std::size_t b = 0; b < bucketCount_; ++b) {
        if (!buckets_[b].empty() && (best == bucketCount_ || earlier(buckets_[b].back(), buckets_[best].back())))
            best = b;
    }
    startYearAt(buckets_[best].back().time);
    const QueueEntry entry = take(best);
    // Repeated empty years mean the days are far too narrow for the spacing of the events.
    if (++farPops_ > bucketCount_)
        resize(bucketCount_);
    else
        afterRemoval();
    return entry;
}

bool CalendarQueue::cancel(std::uint32_t id)
{
    if (id >= bucketOf_.size() || bucketOf_[id] == kAbsent)
        return false;
    std::vector<QueueEntry>& days = buckets_[bucketOf_[id]];
    const auto it = std::find_if(days.begin(), days.end(), [id](const QueueEntry& e) { return e.id == id; });
    assert(it != days.end());
    days.erase(it);
    bucketOf_[id] = kAbsent;
    --size_;
    afterRemoval();
    return true;
}

// Brown's estimate: three times the mean gap between the earliest entries, leaving out gaps more
// than twice the first mean (one far event should not stretch every day).
SimTime CalendarQueue::estimateWidth()
{
    constexpr std::size_t kSample = 25;
    const std::size_t n = std::min(kSample, scratch_.size());
    if (n < 2)
        return width_;
    std::partial_sort(scratch_.begin(), scratch_.begin() + static_cast<std::ptrdiff_t>(n), scratch_.end(), earlier);
    const SimTime span = scratch_[n - 1].time - scratch_[0].time;
    const SimTime meanGap = span / static_cast<SimTime>(n - 1);
    SimTime kept = 0;
    SimTime count = 0;
    for (std::size_t i = 1; i < n; ++i) {
        const SimTime gap = scratch_[i].time - scratch_[i - 1].time;
        if (gap <= 2 * meanGap) {
            kept += gap;
            ++count;
        }
    }
    const SimTime width = count > 0 ? 3 * kept / count : 3 * meanGap;
    return std::max<SimTime>(width, 1);
}

void CalendarQueue::resize(std::size_t newCount)
{
    farPops_ = 0;
    scratch_.clear();
    for (std::size_t b = 0; b < bucketCount_; ++b) {
        scratch_.insert(scratch_.end(), buckets_[b].begin(), buckets_[b].end());
        buckets_[b].clear();
    }
    width_ = estimateWidth();
    bucketCount_ = newCount;
    mask_ = newCount - 1;
    if (buckets_.size() < newCount)
        buckets_.resize(newCount);
    SimTime first = scratch_.empty() ? 0 : scratch_.front().time;
    for (const QueueEntry& entry : scratch_) {
        insert(entry);
        first = std::min(first, entry.time);
    }
    startYearAt(first);
}

} // namespace pipelab::timing
