// Scenario helpers: repeat expansion and Django's default MIDDLEWARE.
#include "sim/scenario/scenario.h"

namespace pipelab::scenario {

std::vector<Request> Scenario::expandedRequests() const
{
    std::vector<Request> out;
    for (const Request& request : requests) {
        for (std::int64_t i = 0; i < request.repeat; ++i) {
            Request copy = request;
            copy.repeat = 1;
            out.push_back(std::move(copy));
        }
    }
    return out;
}

const std::vector<std::string>& defaultMiddleware()
{
    // django/conf/project_template/project_name/settings.py-tpl (Django 3.2).
    static const std::vector<std::string> list = {
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    };
    return list;
}

} // namespace pipelab::scenario
