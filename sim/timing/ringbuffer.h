// RingBuffer: a FIFO queue in one power-of-two array that grows by doubling and never shrinks,
// so a resource's waiting line allocates nothing once it has reached its longest length
// (std::deque allocates and frees a block every few hundred elements as the line moves).
#pragma once

#include <cassert>
#include <cstddef>
#include <utility>
#include <vector>

namespace pipelab::timing {

template <class T>
class RingBuffer {
public:
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }

    void push(T value)
    {
        if (items_.empty() || size_ > mask_)
            grow();
        items_[(head_ + size_) & mask_] = std::move(value);
        ++size_;
    }

    const T& front() const
    {
        assert(size_ > 0);
        return items_[head_];
    }

    T pop()
    {
        assert(size_ > 0);
        T value = std::move(items_[head_]);
        head_ = (head_ + 1) & mask_;
        --size_;
        return value;
    }

private:
    void grow()
    {
        std::vector<T> bigger(items_.empty() ? 16 : 2 * items_.size());
        for (std::size_t i = 0; i < size_; ++i)
            bigger[i] = std::move(items_[(head_ + i) & (items_.size() - 1)]);
        items_ = std::move(bigger);
        mask_ = items_.size() - 1;
        head_ = 0;
    }

    std::vector<T> items_;
    std::size_t mask_ = 0; // items_.size() - 1, kept so the per-element paths need no size()
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

} // namespace pipelab::timing
