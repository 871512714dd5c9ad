// ModelRegistry: Django's app registry for models. Models are declared in order (as models.py
// runs), then finalize() resolves relation targets, creates M2M through models and the reverse
// relations, exactly once. Metas live as long as the registry; everything else points into it.
#pragma once

#include "sim/django/db/exceptions.h"
#include "sim/django/db/modelmeta.h"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace pipelab::django::db {

struct ModelSpec {
    std::string appLabel;
    std::string name; // class name, "Order"
    std::vector<FieldSpec> fields;
    std::vector<std::string> ordering;
};

class ModelRegistry {
public:
    ModelRegistry() = default;
    ModelRegistry(const ModelRegistry&) = delete;
    ModelRegistry& operator=(const ModelRegistry&) = delete;

    // Declares a model; the implicit "id" AutoField is added first. Throws FieldError on a
    // duplicate model or field name.
    const ModelMeta& addModel(const ModelSpec& spec);
    // Declares django.contrib.auth's User (auth_user, Django 3.2's columns in order).
    const ModelMeta& addAuthUser();
    // Resolves relations; throws FieldError naming an unknown target.
    void finalize();

    // "Order", "shop.Order" or "auth.User"; null if unknown.
    const ModelMeta* model(std::string_view name) const;
    const std::vector<std::unique_ptr<ModelMeta>>& models() const { return models_; }

private:
    ModelMeta& resolveTarget(const ModelMeta& from, const std::string& to) const;
    std::vector<std::unique_ptr<ModelMeta>> models_;
    bool finalized_ = false;
};

} // namespace pipelab::django::db
