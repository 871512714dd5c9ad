// ServiceCenter: a server is handed straight from a finished ticket to the next waiting one, so
// the busy count only drops when the line is empty.
#include "sim/timing/servicecenter.h"

#include <cassert>

namespace pipelab::timing {

ServiceCenter::ServiceCenter(std::uint32_t servers) : servers_(servers) {}

bool ServiceCenter::arrive(const Ticket& ticket, SimTime now)
{
    if (busy_.value() < servers_) {
        busy_.add(now, +1);
        return true;
    }
    line_.push(ticket);
    return false;
}

std::optional<ServiceCenter::Ticket> ServiceCenter::depart(SimTime now)
{
    assert(busy_.value() > 0);
    if (!line_.empty())
        return line_.pop();
    busy_.add(now, -1);
    return std::nullopt;
}

double ServiceCenter::utilization(SimTime now) const
{
    return servers_ ? busy_.mean(now) / servers_ : 0.0;
}

} // namespace pipelab::timing
