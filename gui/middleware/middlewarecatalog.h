// MiddlewareCatalog: Django's built-in middleware as the "Add middleware" menu offers them, and
// the ordering problems of a chain — both taken from the engine (sim/django/middleware/
// middlewareordering.h: what each one does, and the constraints Django documents), so the GUI
// states no Django rule of its own. What it adds is presentation: Qt strings, rows, and where a
// new entry goes.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace pipelab::gui {

class MiddlewareCatalog {
public:
    struct Entry {
        QString path;        // "django.contrib.sessions.middleware.SessionMiddleware"
        QString className;   // "SessionMiddleware"
        QString explanation; // what it does to requests and responses
        bool startproject;   // in Django's startproject MIDDLEWARE (the default)
    };
    struct Problem {
        int row = 0; // the entry that is misplaced
        QString message;
    };

    // In the order Django's documentation lists them, which is also its recommended order.
    static const std::vector<Entry>& entries();
    static const Entry* find(const QString& path);

    // Every documented constraint `chain` breaks, in row order.
    static std::vector<Problem> orderingProblems(const QStringList& chain);
    // Where `path` should be inserted into `chain`: before the first built-in entry that Django's
    // order puts after it, else at the end.
    static int suggestedRow(const QStringList& chain, const QString& path);
};

} // namespace pipelab::gui
