// MainWindow: PipeLab's window. It shows one scenario file: a header (name, summary,
// description), the MIDDLEWARE chain and the scripted requests at the side, the code modules,
// templates and the raw YAML in read-only tabs whose gutters count YAML lines, and a Problems
// panel with every load error and warning (activating one shows its line in the YAML).
#pragma once

#include "gui/app/appsettings.h"
#include "gui/code/codeeditor.h"
#include "gui/scenario/scenariodocument.h"

#include <QMainWindow>
#include <QMap>

class QListView;
class QMenu;
class QDockWidget;
class QLabel;
class QSplitter;
class QTabWidget;

namespace pipelab::gui {

class DiagnosticsModel;
class MiddlewareListModel;
class ProblemsView;
class RecentFiles;
class RequestListModel;
class ScenarioHeader;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppSettings settings = AppSettings(), QWidget* parent = nullptr);

    // Opens a scenario file and remembers it in File › Open Recent. Returns true when it loaded
    // without errors (errors are shown in the Problems panel either way).
    bool openFile(const QString& path);
    // Shows the scenario built into PipeLab.
    bool openDefaultScenario();
    bool reload();

    const ScenarioDocument& document() const { return *document_; }

    // The code views by the name PipeLab's source references use: "models", "urls", "views",
    // "templates/NAME", "middleware", "signals", "apps" — and "scenario" for the YAML file.
    CodeEditor* codeEditor(const QString& key) const;
    QStringList codeEditorKeys() const { return editors_.keys(); }
    QString currentCodeKey() const;

    QTabWidget* codeTabs() const { return codeTabs_; }
    QTabWidget* templateTabs() const { return templateTabs_; }
    ScenarioHeader* header() const { return header_; }
    MiddlewareListModel* middlewareModel() const { return middlewareModel_; }
    RequestListModel* requestModel() const { return requestModel_; }
    DiagnosticsModel* diagnosticsModel() const { return diagnosticsModel_; }
    ProblemsView* problemsView() const { return problemsView_; }
    QDockWidget* problemsDock() const { return problemsDock_; }
    RecentFiles* recentFiles() const { return recentFiles_; }

public Q_SLOTS:
    // Selects the Scenario tab and puts the cursor on a YAML line.
    void showYamlLine(int line, int column = 1);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createLayout();
    void showDocument();
    void rebuildCodeTabs();
    CodeEditor* addEditor(QTabWidget* tabs, const QString& key, const QString& label, const QString& toolTip,
                          const QString& text, int firstLine, CodeEditor::Language language);
    void updateRecentMenu();
    void updateProblemsTitle();
    void openWithDialog();
    void about();
    void restoreSettings();
    void saveSettings();
    static QString droppedScenarioPath(const QMimeData* mime);

    AppSettings settings_;
    ScenarioDocument* document_;
    RecentFiles* recentFiles_;
    MiddlewareListModel* middlewareModel_;
    RequestListModel* requestModel_;
    DiagnosticsModel* diagnosticsModel_;

    ScenarioHeader* header_ = nullptr;
    QSplitter* bodySplitter_ = nullptr;
    QSplitter* sideSplitter_ = nullptr;
    QWidget* sidePanel_ = nullptr;
    QLabel* middlewareTitle_ = nullptr;
    QLabel* requestsTitle_ = nullptr;
    QListView* middlewareView_ = nullptr;
    QListView* requestView_ = nullptr;
    QTabWidget* codeTabs_ = nullptr;
    QTabWidget* templateTabs_ = nullptr;
    ProblemsView* problemsView_ = nullptr;
    QDockWidget* problemsDock_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QAction* reloadAction_ = nullptr;
    QMap<QString, CodeEditor*> editors_;
};

} // namespace pipelab::gui
