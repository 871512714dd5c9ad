// ServiceCenter: construction and the window's utilisation (arrive and depart are inline).
#include "sim/timing/servicecenter.h"

namespace pipelab::timing {

ServiceCenter::ServiceCenter(std::uint32_t servers) : servers_(servers) {}

double ServiceCenter::utilization(SimTime now) const
{
    return servers_ ? busy_.mean(now) / servers_ : 0.0;
}

} // namespace pipelab::timing
