// The Django exceptions the ORM core raises, with Django's messages: FieldError
// (django.core.exceptions), ValueError and TypeError (Python's) and EmptyResultSet
// (the compiler's signal that a query can match nothing and is not sent at all).
#pragma once

#include <stdexcept>

namespace pipelab::django::db {

class FieldError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class ValueError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Python's TypeError as QuerySet raises it ("Cannot filter a query once a slice has been taken.").
class TypeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class EmptyResultSet : public std::runtime_error {
public:
    EmptyResultSet() : std::runtime_error("EmptyResultSet") {}
};

} // namespace pipelab::django::db
