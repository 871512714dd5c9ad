// Detector: reads a scenario run the way a reviewer with django-debug-toolbar would. From each
// request's trace it groups queries by shape (literals replaced) and source line, and names the
// relation a repeated one loads — forward FK/OneToOne (select_related), reverse FK and M2M
// (prefetch_related), a field left out by only()/defer() — plus a COUNT beside a loop over the
// same QuerySet (|length). The relation is read from the source line's text (`order.product.name`)
// and the models' metadata; the fix is located in the view function that served the request
// (the ViewCalled event). From the code it flags select_related/prefetch_related lookups nothing
// reads, receivers in a signals module nobody imports, and cache_page on a view that reads
// request.user without vary_on_cookie below it.
#pragma once

#include "sim/django/analysis/finding.h"
#include "sim/django/analysis/scenariocode.h"
#include "sim/django/db/modelregistry.h"
#include "sim/scenario/scenario.h"
#include "sim/trace/requesttrace.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::project {
class Project;
}

namespace pipelab::django::analysis {

class Detector {
public:
    // `scenario` and `models` (the started project's registry) must outlive the detector.
    // `signalsImported`: whether the start-up (or anything since) imported `<app>.signals`.
    Detector(const scenario::Scenario& scenario, const db::ModelRegistry& models, bool signalsImported);

    // Every request's findings (the first request showing each), then the code findings.
    std::vector<Finding> inspect(const trace::Trace& trace) const;
    // The findings one request's trace shows.
    std::vector<Finding> inspectRequest(const trace::RequestTrace& request) const;
    // The findings read from the code alone (receivers, cache_page).
    std::vector<Finding> inspectCode() const;

private:
    struct Relation {
        FindingKind kind = FindingKind::NPlusOne;
        const db::ModelMeta* owner = nullptr; // the model whose instances load it
        std::string name;                     // field name or accessor
        RelationKind relationKind = RelationKind::None;
    };
    struct Located {
        ScenarioCode::Line line;
        std::string edited; // the line after the edit
        std::string queryset;
    };

    std::optional<ScenarioCode::Definition> viewOf(const trace::RequestTrace& request) const;
    std::optional<Finding> repeatedQueries(const trace::RequestTrace& request, const std::vector<std::size_t>& members,
                                           const std::optional<ScenarioCode::Definition>& view) const;
    std::optional<Relation> classify(std::string_view sql, std::string_view line) const;
    void countsBesideLoops(const trace::RequestTrace& request, const std::vector<bool>& repeated,
                           std::vector<Finding>& out) const;
    void unusedLookups(const trace::RequestTrace& request, const ScenarioCode::Definition& view,
                       std::vector<Finding>& out) const;
    void unconnectedReceivers(std::vector<Finding>& out) const;
    void cachePagesWithoutVary(std::vector<Finding>& out) const;

    // The one QuerySet chain on `model` in the view that `edit` fits (a chain that already has the
    // lookup, or has no only()/defer() to edit, does not); null when none or several fit.
    template <typename Edit>
    std::optional<Located> locate(const ScenarioCode::Definition& view, const std::string& model, Edit edit) const;
    // Records the located QuerySet and its edit on the finding.
    static void settle(Finding& finding, Located at);
    // The text of a template and of those it extends or includes (names as string literals).
    std::string templateFamilyText(const std::string& name) const;
    const db::ModelMeta* modelByTable(std::string_view table) const;

    const scenario::Scenario& scenario_;
    const db::ModelRegistry& models_;
    bool signalsImported_ = false;
    ScenarioCode code_;
};

// The findings of a run of `project` (its scenario, models and whether it imported its signals
// module): what `pipelab-cli trace` prints after the report.
std::vector<Finding> findProblems(project::Project& project, const trace::Trace& trace);

} // namespace pipelab::django::analysis
