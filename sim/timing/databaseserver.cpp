// DatabaseServer: construction (connection accounting is inline; queries are its cores' ServiceCenter).
#include "sim/timing/databaseserver.h"

namespace pipelab::timing {

DatabaseServer::DatabaseServer(std::uint32_t maxConnections, std::uint32_t cores)
    : maxConnections_(maxConnections), cores_(cores)
{
}

} // namespace pipelab::timing
