// SchedulingError: thrown by Simulator::schedule() for an event in the past (or a negative
// delay). A model that does this has a bug; the message says when and what.
#pragma once

#include <stdexcept>
#include <string>

namespace pipelab::timing {

class SchedulingError : public std::logic_error {
public:
    explicit SchedulingError(const std::string& message) : std::logic_error(message) {}
};

} // namespace pipelab::timing
