// MainWindow: PipeLab's window. It shows one scenario file: a header (name, summary,
// description), the MIDDLEWARE chain and the scripted requests at the side, the animated pipeline
// of the selected request in the centre with its playback controls, and docks for the code
// modules, templates and raw YAML (gutters count YAML lines), the request's SQL, its event log and
// the Problems panel (load, start-up and run errors; activating one shows its line in the YAML).
// The scenario is run by a ScenarioRun each time the document loads; the window only shows the
// trace that comes back.
#pragma once

#include "gui/app/appsettings.h"
#include "gui/code/codeeditor.h"
#include "gui/scenario/autosave.h"
#include "gui/scenario/scenariodocument.h"

#include <QMainWindow>
#include <QMap>

#include <memory>
#include <optional>

class QListView;
class QMenu;
class QDockWidget;
class QLabel;
class QSplitter;
class QTabWidget;
class QTableView;
class QUndoStack;

namespace pipelab::gui {

class DiagnosticsModel;
class FindingsPanel;
class LessonPanel;
class LessonPlayer;
class LoadPanel;
class EventLogModel;
class MiddlewareListModel;
class MiddlewarePanel;
class RequestQueriesChart;
class SourceLineQueriesChart;
class PipelineView;
class PlaybackBar;
class PlaybackController;
class ProblemsView;
class RecentFiles;
class RequestListModel;
class ScenarioBrowser;
class ScenarioHeader;
class ScenarioRun;
class SqlPanel;

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
    // File › Save: writes the edited text atomically (QSaveFile); the built-in scenario, which
    // cannot be overwritten, asks for a file instead. False when nothing was written.
    bool save();
    bool saveAs();
    bool saveAs(const QString& path);
    // Before the document is replaced or the window closes: with unsaved edits, asks whether to
    // save them. False when the user cancelled (or the save failed), so the caller must stop.
    bool maybeSave();

    // Crash recovery: edits left by a session that ended without saving or discarding them.
    // With `ask`, a dialog offers each (Recover / Discard / Later); otherwise the newest is
    // recovered. Returns true when a document was recovered (it is open, modified).
    bool offerRecovery(bool ask = true);
    bool recover(const Autosave::Entry& entry);
    // Null when settings are disabled (a --screenshot run keeps nothing).
    const Autosave* autosave() const { return autosave_ ? &*autosave_ : nullptr; }

    // File › Export. Each writes atomically and returns false (with a message box) on failure.
    enum class ExportKind { PipelinePng, PipelineSvg, ChartsPng, ChartsSvg, ChromeTrace, RequestsCsv };
    bool exportTo(ExportKind kind, const QString& path);

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

    ScenarioRun* scenarioRun() const { return run_; }
    PlaybackController* playback() const { return playback_; }
    PipelineView* pipelineView() const { return pipelineView_; }
    PlaybackBar* playbackBar() const { return playbackBar_; }
    SqlPanel* sqlPanel() const { return sqlPanel_; }
    EventLogModel* eventLogModel() const { return eventLogModel_; }
    QDockWidget* codeDock() const { return codeDock_; }
    QDockWidget* sqlDock() const { return sqlDock_; }
    QDockWidget* eventLogDock() const { return eventLogDock_; }
    QDockWidget* chartsDock() const { return chartsDock_; }
    MiddlewarePanel* middlewarePanel() const { return middlewarePanel_; }
    RequestQueriesChart* requestQueriesChart() const { return requestQueriesChart_; }
    SourceLineQueriesChart* sourceLineChart() const { return sourceLineChart_; }
    LoadPanel* loadPanel() const { return loadPanel_; }
    ScenarioBrowser* scenarioBrowser() const { return scenarioBrowser_; }
    FindingsPanel* findingsPanel() const { return findingsPanel_; }
    QDockWidget* findingsDock() const { return findingsDock_; }
    LessonPlayer* lessonPlayer() const { return lessonPlayer_; }
    LessonPanel* lessonPanel() const { return lessonPanel_; }
    QDockWidget* lessonDock() const { return lessonDock_; }
    // Presenter mode (View › Presenter Mode, F11): full screen, large high-contrast text, only the
    // panels the lesson's step names; arrows, space and PageUp/PageDown step the lesson.
    void setPresenterMode(bool on);
    bool isPresenterMode() const { return presenting_; }
    QDockWidget* browserDock() const { return browserDock_; }
    QTabWidget* chartTabs() const { return chartTabs_; }
    // Edits to the scenario (the MIDDLEWARE list ...), undone with Edit › Undo.
    QUndoStack* undoStack() const { return undoStack_; }
    QListView* requestView() const { return requestView_; }
    // The request shown (index into the expanded request list).
    qsizetype selectedRequest() const { return selectedRequest_; }
    // The permanent status line: "#0 GET /dashboard/ → 200 · 501 queries".
    QString runStatus() const;

public Q_SLOTS:
    // Selects the Scenario tab and puts the cursor on a YAML line.
    void showYamlLine(int line, int column = 1);
    // Shows request `expandedIndex` of the latest run in the pipeline, SQL and event log.
    void selectRequest(qsizetype expandedIndex);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createLayout();
    void showDocument();
    // After an edit (the document reloaded from new text): the code panes and the side lists
    // follow the new text without losing the reader's place.
    void documentEdited();
    void rebuildCodeTabs();
    // Code panes for the playback: gutter badges for the request's queries, the executing line.
    void updateCodeBadges();
    void showExecutingLine(const trace::Event* event);
    // Brings `editor`'s tab to the front (a template's inside the Templates tab).
    void showEditorTab(CodeEditor* editor);
    // The code panes show `scenario`'s blocks (the file's, or a lesson's patched ones).
    void refreshCodePanes(const scenario::Scenario* scenario);
    // Carries out lesson step `index` on the screen: runs, patches, highlights, panels.
    void applyLessonStep(int index);
    void arrangePresenterPanels(const scenario::LessonStep& step);
    QString lessonSettingsKey() const;
    CodeEditor* addEditor(QTabWidget* tabs, const QString& key, const QString& label, const QString& toolTip,
                          const QString& text, int firstLine, CodeEditor::Language language);
    void updateRecentMenu();
    void updateProblemsTitle();
    void createDocks();
    void runStarted();
    void runFinished();
    void showDiagnostics();
    void updateRunStatus();
    void updateWindowTitle();
    void exportWithDialog(ExportKind kind);
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
    QAction* saveAction_ = nullptr;
    QAction* saveAsAction_ = nullptr;
    QMap<QString, CodeEditor*> editors_;

    ScenarioRun* run_;
    PlaybackController* playback_;
    EventLogModel* eventLogModel_;
    PipelineView* pipelineView_ = nullptr;
    PlaybackBar* playbackBar_ = nullptr;
    SqlPanel* sqlPanel_ = nullptr;
    QTableView* eventLogView_ = nullptr;
    QDockWidget* codeDock_ = nullptr;
    QDockWidget* sqlDock_ = nullptr;
    QDockWidget* eventLogDock_ = nullptr;
    QLabel* runStatus_ = nullptr;
    qsizetype selectedRequest_ = 0;
    QUndoStack* undoStack_;
    MiddlewarePanel* middlewarePanel_ = nullptr;
    QDockWidget* chartsDock_ = nullptr;
    RequestQueriesChart* requestQueriesChart_ = nullptr;
    SourceLineQueriesChart* sourceLineChart_ = nullptr;
    QTabWidget* chartTabs_ = nullptr;
    LoadPanel* loadPanel_ = nullptr;
    ScenarioBrowser* scenarioBrowser_ = nullptr;
    FindingsPanel* findingsPanel_ = nullptr;
    QDockWidget* findingsDock_ = nullptr;
    LessonPlayer* lessonPlayer_;
    LessonPanel* lessonPanel_ = nullptr;
    QDockWidget* lessonDock_ = nullptr;
    QAction* presenterAction_ = nullptr;
    QAction* lessonNextAction_ = nullptr;
    QAction* lessonBackAction_ = nullptr;
    bool presenting_ = false;
    std::optional<Autosave> autosave_;
    QByteArray statesBeforePresenting_;
    QList<QKeySequence> playbackShortcuts_;
    // A lesson `run` step waiting for its (patched) run to come back, or -1.
    qsizetype pendingLessonRequest_ = -1;
    // Patches the shown run has applied (a lesson's), so only a change of them re-runs.
    int shownPatches_ = 0;
    QDockWidget* browserDock_ = nullptr;
    // True from a File › Open (or reload) until its loaded() arrives: any other loaded() is an edit.
    bool loadingFile_ = false;
    // The trace before the latest edit, for the charts' before/after comparison.
    std::shared_ptr<const trace::Trace> previousTrace_;
    QString previousTracePath_;
};

} // namespace pipelab::gui
