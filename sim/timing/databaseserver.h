// DatabaseServer: the database as the application sees it under load. Connections are counted
// against max_connections (PostgreSQL's setting: one attempt beyond it is refused, which Django
// reports as OperationalError and the request ends with a 500); queries queue FIFO for K cores.
#pragma once

#include "sim/timing/servicecenter.h"

#include <cassert>
#include <cstdint>

namespace pipelab::timing {

class DatabaseServer {
public:
    DatabaseServer(std::uint32_t maxConnections, std::uint32_t cores);

    // Opens a connection; false when max_connections are already open (refused).
    bool connect()
    {
        if (connections_ >= maxConnections_)
            return false;
        ++connections_;
        return true;
    }
    void disconnect()
    {
        assert(connections_ > 0);
        --connections_;
    }

    std::uint32_t connections() const { return connections_; }
    std::uint32_t maxConnections() const { return maxConnections_; }
    ServiceCenter& cores() { return cores_; }
    const ServiceCenter& cores() const { return cores_; }

private:
    std::uint32_t maxConnections_;
    std::uint32_t connections_ = 0;
    ServiceCenter cores_;
};

} // namespace pipelab::timing
