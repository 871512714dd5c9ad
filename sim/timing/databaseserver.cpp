// DatabaseServer: connection accounting; query scheduling is its cores' ServiceCenter.
#include "sim/timing/databaseserver.h"

#include <cassert>

namespace pipelab::timing {

DatabaseServer::DatabaseServer(std::uint32_t maxConnections, std::uint32_t cores)
    : maxConnections_(maxConnections), cores_(cores)
{
}

bool DatabaseServer::connect()
{
    if (connections_ >= maxConnections_)
        return false;
    ++connections_;
    return true;
}

void DatabaseServer::disconnect()
{
    assert(connections_ > 0);
    --connections_;
}

} // namespace pipelab::timing
