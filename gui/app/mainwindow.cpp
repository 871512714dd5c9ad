// MainWindow: builds the widgets once, then showDocument() fills them from the ScenarioDocument
// each time a file is (re)loaded, and runFinished() shows the trace the ScenarioRun brings back.
#include "gui/app/mainwindow.h"

#include "gui/analysis/findingspanel.h"
#include "gui/app/recentfiles.h"
#include "gui/diagnostics/diagnosticsmodel.h"
#include "gui/diagnostics/problemsview.h"
#include "gui/export/imageexport.h"
#include "gui/export/traceexport.h"
#include "gui/lesson/lessonpanel.h"
#include "gui/lesson/lessonplayer.h"
#include "gui/charts/loadpanel.h"
#include "gui/charts/requestquerieschart.h"
#include "gui/charts/sourcelinequerieschart.h"
#include "gui/middleware/middlewarelistmodel.h"
#include "gui/middleware/middlewarelistview.h"
#include "gui/middleware/middlewarepanel.h"
#include "gui/pipeline/eventlogmodel.h"
#include "gui/pipeline/pipelineview.h"
#include "gui/pipeline/playbackbar.h"
#include "gui/pipeline/playbackcontroller.h"
#include "gui/run/scenariorun.h"
#include "gui/scenario/requestdelegate.h"
#include "gui/scenario/requestlistmodel.h"
#include "gui/scenario/scenariobrowser.h"
#include "gui/scenario/scenarioheader.h"
#include "gui/sql/sqlpanel.h"
#include "sim/load/costmodel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace pipelab::gui {

namespace {

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

// A code block without its final line break: the block scalar's clip chomping keeps one, and an
// editor would show it as an extra, empty, numbered line.
QString blockText(const scenario::CodeBlock& block)
{
    QString text = fromStd(block.text);
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text;
}

QLabel* makePanelTitle(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("panelTitle"));
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setWeight(QFont::DemiBold);
    font.setLetterSpacing(QFont::PercentageSpacing, 106);
    label->setFont(font);
    return label;
}

} // namespace

MainWindow::MainWindow(AppSettings settings, QWidget* parent)
    : QMainWindow(parent), settings_(settings), document_(new ScenarioDocument(this)),
      recentFiles_(new RecentFiles(settings, this)), middlewareModel_(new MiddlewareListModel(this)),
      requestModel_(new RequestListModel(this)), diagnosticsModel_(new DiagnosticsModel(this)),
      run_(new ScenarioRun(this)), playback_(new PlaybackController(this)), eventLogModel_(new EventLogModel(this)),
      undoStack_(new QUndoStack(this)), lessonPlayer_(new LessonPlayer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    if (settings_.enabled())
        autosave_.emplace();
    setWindowTitle(QStringLiteral("PipeLab"));
    setWindowIcon(QIcon(QStringLiteral(":/pipelab/icons/pipelab.svg")));
    setAcceptDrops(true);
    setDockNestingEnabled(false);

    createLayout();
    createDocks();
    createActions();
    connect(run_, &ScenarioRun::started, this, &MainWindow::runStarted);
    connect(run_, &ScenarioRun::finished, this, &MainWindow::runFinished);
    run_->setDocument(document_);
    connect(document_, &ScenarioDocument::modifiedChanged, this, &MainWindow::updateWindowTitle);
    connect(document_, &ScenarioDocument::loaded, this, [this] {
        if (!loadingFile_)
            documentEdited();
        // Every edit is on disk at once: a crash right after it loses nothing.
        if (autosave_ && document_->isModified())
            autosave_->store(document_->path(), document_->text());
    });

    connect(recentFiles_, &RecentFiles::changed, this, &MainWindow::updateRecentMenu);
    connect(problemsView_, &ProblemsView::problemActivated, this, [this](int line, int column) {
        if (line > 0)
            showYamlLine(line, column);
    });
    updateRecentMenu();
    restoreSettings();
}

void MainWindow::createLayout()
{
    header_ = new ScenarioHeader(this);
    // The pipeline needs the height; a longer description scrolls.
    header_->setMaximumDescriptionHeight(64);

    // Side panel: the middleware chain above the scripted requests.
    sidePanel_ = new QWidget(this);
    sidePanel_->setObjectName(QStringLiteral("sidePanel"));
    sideSplitter_ = new QSplitter(Qt::Vertical, sidePanel_);
    sideSplitter_->setObjectName(QStringLiteral("sideSplitter"));
    sideSplitter_->setChildrenCollapsible(false);

    auto* middlewareBox = new QWidget(sideSplitter_);
    auto* middlewareLayout = new QVBoxLayout(middlewareBox);
    middlewareLayout->setContentsMargins(0, 0, 0, 0);
    middlewareLayout->setSpacing(0);
    middlewareTitle_ = makePanelTitle(middlewareBox);
    // The chain is editable (drag to reorder, add, remove, undo): each edit rewrites the scenario
    // text, which re-runs it.
    middlewareModel_->setDocument(document_, undoStack_);
    middlewarePanel_ = new MiddlewarePanel(middlewareBox);
    middlewarePanel_->setModel(middlewareModel_, undoStack_);
    middlewareView_ = middlewarePanel_->view();
    middlewareView_->setObjectName(QStringLiteral("middlewareList"));
    middlewareLayout->addWidget(middlewareTitle_);
    middlewareLayout->addWidget(middlewarePanel_);

    auto* requestBox = new QWidget(sideSplitter_);
    auto* requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    requestLayout->setSpacing(0);
    requestsTitle_ = makePanelTitle(requestBox);
    requestView_ = new QListView(requestBox);
    requestView_->setObjectName(QStringLiteral("requestList"));
    requestView_->setModel(requestModel_);
    requestView_->setItemDelegate(new RequestDelegate(requestView_));
    requestView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    requestView_->setUniformItemSizes(true);
    requestLayout->addWidget(requestsTitle_);
    requestLayout->addWidget(requestView_);

    sideSplitter_->addWidget(middlewareBox);
    sideSplitter_->addWidget(requestBox);
    sideSplitter_->setStretchFactor(0, 3);
    sideSplitter_->setStretchFactor(1, 2);
    auto* sideLayout = new QVBoxLayout(sidePanel_);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(sideSplitter_);

    // Selecting a middleware entry or a request written in the file shows where it was written.
    connect(middlewareView_, &QListView::activated, this, [this](const QModelIndex& index) {
        const int line = index.data(MiddlewareListModel::LineRole).toInt();
        if (line > 0)
            showYamlLine(line);
    });
    connect(requestView_, &QListView::activated, this, [this](const QModelIndex& index) {
        const int line = index.data(RequestListModel::LineRole).toInt();
        if (line > 0)
            showYamlLine(line);
    });
    connect(requestView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& index) {
        if (index.isValid())
            selectRequest(index.data(RequestListModel::ExpandedIndexRole).toLongLong());
    });

    codeTabs_ = new QTabWidget(this);
    codeTabs_->setObjectName(QStringLiteral("codeTabs"));
    codeTabs_->setDocumentMode(true);
    codeTabs_->setUsesScrollButtons(true);

    // The centre: the pipeline with its playback controls.
    auto* stage = new QWidget(this);
    stage->setObjectName(QStringLiteral("stage"));
    pipelineView_ = new PipelineView(playback_, stage);
    playbackBar_ = new PlaybackBar(playback_, stage);
    auto* stageLayout = new QVBoxLayout(stage);
    stageLayout->setContentsMargins(0, 0, 0, 0);
    stageLayout->setSpacing(0);
    stageLayout->addWidget(pipelineView_, 1);
    stageLayout->addWidget(playbackBar_);

    bodySplitter_ = new QSplitter(Qt::Horizontal, this);
    bodySplitter_->setObjectName(QStringLiteral("bodySplitter"));
    bodySplitter_->setChildrenCollapsible(false);
    bodySplitter_->addWidget(sidePanel_);
    bodySplitter_->addWidget(stage);
    bodySplitter_->setStretchFactor(0, 0);
    bodySplitter_->setStretchFactor(1, 1);
    bodySplitter_->setSizes({290, 1150});

    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(header_);
    auto* rule = new QFrame(central);
    rule->setFrameShape(QFrame::HLine);
    rule->setFrameShadow(QFrame::Sunken);
    centralLayout->addWidget(rule);
    centralLayout->addWidget(bodySplitter_, 1);
    setCentralWidget(central);

    problemsView_ = new ProblemsView(this);
    problemsView_->setModel(diagnosticsModel_);
    problemsDock_ = new QDockWidget(tr("Problems"), this);
    problemsDock_->setObjectName(QStringLiteral("problemsDock"));
    problemsDock_->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable);
    problemsDock_->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    problemsDock_->setWidget(problemsView_);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock_);
    resizeDocks({problemsDock_}, {110}, Qt::Vertical);

    statusBar()->setSizeGripEnabled(true);
    runStatus_ = new QLabel(this);
    runStatus_->setObjectName(QStringLiteral("runStatus"));
    statusBar()->addPermanentWidget(runStatus_);
}

void MainWindow::createDocks()
{
    const auto makeDock = [this](const QString& title, const QString& name, QWidget* widget) {
        auto* dock = new QDockWidget(title, this);
        dock->setObjectName(name);
        dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
        dock->setWidget(widget);
        return dock;
    };

    // The code views: right of the pipeline, so the executing line and the token are seen together.
    codeDock_ = makeDock(tr("Code"), QStringLiteral("codeDock"), codeTabs_);
    addDockWidget(Qt::RightDockWidgetArea, codeDock_);

    sqlPanel_ = new SqlPanel(this);
    sqlDock_ = makeDock(tr("SQL"), QStringLiteral("sqlDock"), sqlPanel_);
    connect(sqlPanel_, &SqlPanel::sourceActivated, this, [this](int line) { showYamlLine(line); });

    eventLogView_ = new QTableView(this);
    eventLogView_->setObjectName(QStringLiteral("eventLog"));
    eventLogView_->setModel(eventLogModel_);
    eventLogView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    eventLogView_->setSelectionMode(QAbstractItemView::SingleSelection);
    eventLogView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    eventLogView_->setShowGrid(false);
    eventLogView_->setWordWrap(false);
    eventLogView_->verticalHeader()->hide();
    eventLogView_->verticalHeader()->setDefaultSectionSize(eventLogView_->fontMetrics().height() + 4);
    eventLogView_->horizontalHeader()->setStretchLastSection(true);
    const int digit = eventLogView_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    eventLogView_->setColumnWidth(EventLogModel::NumberColumn, digit * 6);
    eventLogView_->setColumnWidth(EventLogModel::KindColumn, digit * 16);
    eventLogView_->setColumnWidth(EventLogModel::LayerColumn, digit * 26);
    eventLogView_->setColumnWidth(EventLogModel::DetailColumn, digit * 70);
    eventLogDock_ = makeDock(tr("Event Log"), QStringLiteral("eventLogDock"), eventLogView_);
    // Activating an event plays the request up to it.
    connect(eventLogView_, &QTableView::activated, this, [this](const QModelIndex& index) { playback_->seek(index.row() + 1); });

    // The code column runs the full height; SQL, events and problems share the bottom.
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    auto* charts = new QTabWidget(this);
    charts->setObjectName(QStringLiteral("charts"));
    charts->setDocumentMode(true);
    requestQueriesChart_ = new RequestQueriesChart(charts);
    sourceLineChart_ = new SourceLineQueriesChart(charts);
    charts->addTab(requestQueriesChart_, tr("Queries per Request"));
    charts->addTab(sourceLineChart_, tr("Queries per Line"));
    loadPanel_ = new LoadPanel(charts);
    charts->addTab(loadPanel_, tr("Load"));
    chartTabs_ = charts;
    chartsDock_ = makeDock(tr("Charts"), QStringLiteral("chartsDock"), charts);

    // The scenario browser: tabbed with the code, so it costs the pipeline no width.
    scenarioBrowser_ = new ScenarioBrowser(this);
    browserDock_ = makeDock(tr("Scenarios"), QStringLiteral("browserDock"), scenarioBrowser_);
    addDockWidget(Qt::RightDockWidgetArea, browserDock_);
    tabifyDockWidget(codeDock_, browserDock_);
    codeDock_->raise();
    connect(scenarioBrowser_, &ScenarioBrowser::openRequested, this, [this](const QString& path) { openFile(path); });

    findingsPanel_ = new FindingsPanel(this);
    findingsPanel_->setDocument(document_, undoStack_);
    findingsDock_ = makeDock(tr("Findings"), QStringLiteral("findingsDock"), findingsPanel_);
    addDockWidget(Qt::BottomDockWidgetArea, findingsDock_);
    connect(findingsPanel_, &FindingsPanel::sourceActivated, this, [this](const QString& source) {
        const qsizetype colon = source.lastIndexOf(QLatin1Char(':'));
        if (colon > 0)
            showYamlLine(source.mid(colon + 1).toInt());
    });

    lessonPanel_ = new LessonPanel(lessonPlayer_, this);
    lessonDock_ = makeDock(tr("Lesson"), QStringLiteral("lessonDock"), lessonPanel_);
    addDockWidget(Qt::BottomDockWidgetArea, lessonDock_);
    connect(lessonPlayer_, &LessonPlayer::stepChanged, this, &MainWindow::applyLessonStep);
    connect(lessonPanel_, &LessonPanel::presenterToggled, this, &MainWindow::setPresenterMode);

    addDockWidget(Qt::BottomDockWidgetArea, sqlDock_);
    tabifyDockWidget(sqlDock_, eventLogDock_);
    tabifyDockWidget(sqlDock_, chartsDock_);
    tabifyDockWidget(sqlDock_, problemsDock_);
    tabifyDockWidget(sqlDock_, findingsDock_);
    tabifyDockWidget(sqlDock_, lessonDock_);
    sqlDock_->raise();
    resizeDocks({codeDock_}, {420}, Qt::Horizontal);
    resizeDocks({sqlDock_}, {210}, Qt::Vertical);

    connect(playback_, &PlaybackController::positionChanged, this, [this](int position) {
        eventLogModel_->setPosition(position);
        if (position > 0 && !playback_->isPlaying()) {
            const QModelIndex row = eventLogModel_->index(position - 1, EventLogModel::DetailColumn);
            eventLogView_->setCurrentIndex(row);
            eventLogView_->scrollTo(row);
        }
        // The query being played is the one the SQL panel points at.
        const trace::Event* event = playback_->currentEvent();
        if (event != nullptr && event->kind == trace::EventKind::Query && playback_->mode() != PlaybackController::Mode::Fast)
            sqlPanel_->selectQuery(static_cast<int>(event->count));
        showExecutingLine(event);
    });
}

void MainWindow::createActions()
{
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open = fileMenu->addAction(tr("&Open…"), this, &MainWindow::openWithDialog);
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = fileMenu->addMenu(tr("Open &Recent"));
    reloadAction_ = fileMenu->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction_->setShortcut(QKeySequence(Qt::Key_F5));
    reloadAction_->setEnabled(false);
    QAction* openDefault = fileMenu->addAction(tr("Open &Built-in Scenario"), this, &MainWindow::openDefaultScenario);
    openDefault->setToolTip(tr("The 501-query dashboard that ships with PipeLab"));
    fileMenu->addSeparator();
    saveAction_ = fileMenu->addAction(tr("&Save"), this, qOverload<>(&MainWindow::save));
    saveAction_->setShortcut(QKeySequence::Save);
    saveAction_->setEnabled(false);
    saveAsAction_ = fileMenu->addAction(tr("Save &As…"), this, qOverload<>(&MainWindow::saveAs));
    saveAsAction_->setShortcut(QKeySequence::SaveAs);
    saveAsAction_->setEnabled(false);
    QMenu* exportMenu = fileMenu->addMenu(tr("&Export"));
    exportMenu->addAction(tr("Pipeline as &PNG…"), this, [this] { exportWithDialog(ExportKind::PipelinePng); });
    exportMenu->addAction(tr("Pipeline as &SVG…"), this, [this] { exportWithDialog(ExportKind::PipelineSvg); });
    exportMenu->addAction(tr("Chart as P&NG…"), this, [this] { exportWithDialog(ExportKind::ChartsPng); });
    exportMenu->addAction(tr("Chart as S&VG…"), this, [this] { exportWithDialog(ExportKind::ChartsSvg); });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Trace as &Chrome Trace JSON…"), this, [this] { exportWithDialog(ExportKind::ChromeTrace); });
    exportMenu->addAction(tr("Requests as C&SV…"), this, [this] { exportWithDialog(ExportKind::RequestsCsv); });
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = undoStack_->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = undoStack_->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    editMenu->addAction(undo);
    editMenu->addAction(redo);

    QMenu* playbackMenu = menuBar()->addMenu(tr("&Playback"));
    const QList<QAction*> playbackActions = playbackBar_->playbackActions();
    for (QAction* action : playbackActions) {
        if (action == playbackActions.value(7)) // slower/faster after the moves
            playbackMenu->addSeparator();
        playbackMenu->addAction(action);
    }

    QMenu* simulateMenu = menuBar()->addMenu(tr("&Simulate"));
    QAction* runLoad = simulateMenu->addAction(tr("Run &Load"), this, [this] {
        chartsDock_->show();
        chartsDock_->raise();
        chartTabs_->setCurrentWidget(loadPanel_);
        loadPanel_->runLoad();
    });
    runLoad->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    runLoad->setToolTip(tr("Put the scenario's load section (users, workers, database limits) through the timing simulation"));
    QAction* cancelLoad = simulateMenu->addAction(tr("&Cancel Load"), loadPanel_, &LoadPanel::cancel);
    cancelLoad->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    const auto addToggle = [viewMenu](QDockWidget* dock, Qt::Key key) {
        QAction* toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(Qt::CTRL | key));
        viewMenu->addAction(toggle);
    };
    addToggle(browserDock_, Qt::Key_1);
    addToggle(codeDock_, Qt::Key_2);
    addToggle(sqlDock_, Qt::Key_3);
    addToggle(eventLogDock_, Qt::Key_4);
    addToggle(chartsDock_, Qt::Key_5);
    addToggle(problemsDock_, Qt::Key_6);
    addToggle(lessonDock_, Qt::Key_7);
    addToggle(findingsDock_, Qt::Key_8);
    viewMenu->addSeparator();
    presenterAction_ = viewMenu->addAction(tr("&Presenter Mode"), this, [this](bool on) { setPresenterMode(on); });
    presenterAction_->setCheckable(true);
    presenterAction_->setShortcut(QKeySequence(Qt::Key_F11));
    auto* leavePresenter = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(leavePresenter, &QShortcut::activated, this, [this] { setPresenterMode(false); });

    QMenu* lessonMenu = menuBar()->addMenu(tr("&Lesson"));
    lessonNextAction_ = lessonMenu->addAction(tr("&Next Step"), lessonPlayer_, &LessonPlayer::next);
    lessonNextAction_->setShortcut(QKeySequence(Qt::Key_PageDown));
    lessonBackAction_ = lessonMenu->addAction(tr("&Previous Step"), lessonPlayer_, &LessonPlayer::previous);
    lessonBackAction_->setShortcut(QKeySequence(Qt::Key_PageUp));
    lessonMenu->addAction(tr("&Reveal Answer"), lessonPlayer_, &LessonPlayer::reveal)->setShortcut(QKeySequence(Qt::Key_R));
    lessonMenu->addAction(tr("Re&start Lesson"), lessonPlayer_, &LessonPlayer::restart);

    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* aboutAction = helpMenu->addAction(tr("&About PipeLab"), this, &MainWindow::about);
    aboutAction->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

bool MainWindow::openFile(const QString& path)
{
    if (!maybeSave())
        return false;
    undoStack_->clear(); // edits belong to the text they were made on
    previousTrace_.reset();
    loadingFile_ = true;
    const bool ok = document_->load(path);
    loadingFile_ = false;
    selectedRequest_ = 0;
    if (document_->isBuiltIn()) {
        // A bundled scenario is listed by the browser already.
    } else if (document_->fileWasRead()) {
        recentFiles_->add(path);
        settings_.setLastDirectory(QFileInfo(path).absolutePath());
    } else {
        recentFiles_->remove(path);
    }
    showDocument();
    return ok;
}

bool MainWindow::openDefaultScenario()
{
    if (!maybeSave())
        return false;
    undoStack_->clear();
    previousTrace_.reset();
    loadingFile_ = true;
    const bool ok = document_->load(ScenarioDocument::defaultScenarioPath());
    loadingFile_ = false;
    selectedRequest_ = 0;
    showDocument();
    return ok;
}

bool MainWindow::reload()
{
    if (document_->isEmpty() || !maybeSave())
        return false;
    undoStack_->clear();
    loadingFile_ = true;
    const bool ok = document_->reload();
    loadingFile_ = false;
    showDocument(); // keeps the current code tab when it still exists
    statusBar()->showMessage(tr("Reloaded %1").arg(QDir::toNativeSeparators(document_->path())), 4000);
    return ok;
}

CodeEditor* MainWindow::codeEditor(const QString& key) const
{
    return editors_.value(key, nullptr);
}

QString MainWindow::currentCodeKey() const
{
    QWidget* current = codeTabs_->currentWidget();
    if (current != nullptr && current == templateTabs_)
        current = templateTabs_->currentWidget();
    for (auto it = editors_.cbegin(); it != editors_.cend(); ++it) {
        if (it.value() == current)
            return it.key();
    }
    return {};
}

void MainWindow::showDocument()
{
    const scenario::Scenario* scenario = document_->scenario();
    reloadAction_->setEnabled(!document_->isEmpty());
    saveAction_->setEnabled(!document_->isEmpty());
    saveAsAction_->setEnabled(!document_->isEmpty());

    showDiagnostics();

    if (scenario != nullptr) {
        const QString name = fromStd(scenario->name);
        header_->showScenario(name, fromStd(scenario->summary), fromStd(scenario->description));
        middlewareModel_->setMiddleware(scenario->settings.middleware);
        requestModel_->setRequests(scenario->requests);
        middlewareTitle_->setText(scenario->settings.middlewareGiven
                                      ? tr("MIDDLEWARE  ·  %1").arg(scenario->settings.middleware.size())
                                      : tr("MIDDLEWARE  ·  %1  ·  startproject default").arg(scenario->settings.middleware.size()));
        requestsTitle_->setText(tr("REQUESTS  ·  %1").arg(scenario->requests.size()));
        sidePanel_->show();
    } else {
        const QString fileName = QFileInfo(document_->path()).fileName();
        header_->showFailure(fileName, document_->errorCount());
        middlewareModel_->clear();
        requestModel_->clear();
        sidePanel_->hide();
    }
    updateWindowTitle();
    loadPanel_->setScenario(scenario);
    scenarioBrowser_->setCurrentPath(document_->path());
    rebuildCodeTabs();
    shownPatches_ = 0;
    pendingLessonRequest_ = -1;
    // Resume a lesson where it was left (a restart is one click away). Read before setScenario(),
    // whose step 0 is remembered at once.
    const int resume = settings_.value(lessonSettingsKey()).toInt();
    lessonPlayer_->setScenario(scenario);
    if (lessonPlayer_->hasLesson() && resume > 0)
        lessonPlayer_->goTo(resume);

    if (document_->errorCount() > 0) {
        problemsDock_->show();
        problemsDock_->raise();
        // Point at the first error right away: that is what the reader has to fix.
        for (int row = 0; row < diagnosticsModel_->rowCount(); ++row) {
            if (diagnosticsModel_->data(diagnosticsModel_->index(row, 0), DiagnosticsModel::IsErrorRole).toBool()) {
                problemsView_->setCurrentIndex(diagnosticsModel_->index(row, 0));
                const int line = diagnosticsModel_->diagnostic(row).pos.line;
                if (line > 0)
                    showYamlLine(line, diagnosticsModel_->diagnostic(row).pos.column);
                break;
            }
        }
    }

    const QString where = QDir::toNativeSeparators(document_->isBuiltIn() ? tr("built-in scenario") : document_->path());
    if (scenario != nullptr) {
        const auto count = [](std::size_t n, const QString& one, const QString& many) {
            return (n == 1 ? one : many).arg(n);
        };
        statusBar()->showMessage(QStringLiteral("%1 — %2, %3, %4")
                                     .arg(where, count(scenario->settings.middleware.size(), tr("%1 middleware"), tr("%1 middleware")),
                                          count(scenario->requests.size(), tr("%1 request"), tr("%1 requests")),
                                          count(scenario->templates.size(), tr("%1 template"), tr("%1 templates"))));
    } else {
        statusBar()->showMessage(tr("%1 — not loaded").arg(where));
    }
}

CodeEditor* MainWindow::addEditor(QTabWidget* tabs, const QString& key, const QString& label, const QString& toolTip,
                                  const QString& text, int firstLine, CodeEditor::Language language)
{
    auto* editor = new CodeEditor(tabs);
    editor->setObjectName(QStringLiteral("editor:") + key);
    editor->setAcceptDrops(false);
    editor->setLanguage(language);
    editor->setCode(text, firstLine);
    if (key != QLatin1String("scenario"))
        editor->setEditTarget(document_, undoStack_, key); // edited in place, Apply re-runs
    const int index = tabs->addTab(editor, label);
    tabs->setTabToolTip(index, toolTip);
    editors_.insert(key, editor);
    return editor;
}

void MainWindow::rebuildCodeTabs()
{
    const QString previous = currentCodeKey();
    editors_.clear();
    while (codeTabs_->count() > 0) {
        QWidget* page = codeTabs_->widget(0);
        codeTabs_->removeTab(0);
        delete page;
    }
    templateTabs_ = nullptr;

    using Language = CodeEditor::Language;
    if (const scenario::Scenario* scenario = document_->scenario()) {
        const QString app = fromStd(scenario->appLabel);
        const auto addModule = [&](const std::optional<scenario::CodeBlock>& block, const QString& key,
                                   const QString& label) {
            if (block)
                addEditor(codeTabs_, key, label, QStringLiteral("%1/%2.py").arg(app, key), blockText(*block),
                          block->pos.line, Language::Python);
        };
        addModule(scenario->models, QStringLiteral("models"), tr("Models"));
        addModule(scenario->urls, QStringLiteral("urls"), tr("URLs"));
        addModule(scenario->views, QStringLiteral("views"), tr("Views"));
        if (!scenario->templates.empty()) {
            templateTabs_ = new QTabWidget(codeTabs_);
            templateTabs_->setObjectName(QStringLiteral("templateTabs"));
            templateTabs_->setDocumentMode(true);
            templateTabs_->setTabPosition(QTabWidget::South);
            for (const scenario::Template& tmpl : scenario->templates) {
                const QString name = fromStd(tmpl.name);
                addEditor(templateTabs_, QStringLiteral("templates/") + name, name,
                          QStringLiteral("%1/templates/%2").arg(app, name), blockText(tmpl.source),
                          tmpl.source.pos.line, Language::DjangoTemplate);
            }
            codeTabs_->addTab(templateTabs_, tr("Templates"));
        }
        addModule(scenario->middleware, QStringLiteral("middleware"), tr("Middleware"));
        addModule(scenario->signals, QStringLiteral("signals"), tr("Signals"));
        addModule(scenario->apps, QStringLiteral("apps"), tr("Apps"));
    }

    CodeEditor* yaml = addEditor(codeTabs_, QStringLiteral("scenario"), tr("Scenario"),
                                 tr("The whole scenario file"), document_->text(), 1, Language::Yaml);
    std::vector<CodeEditor::LineMarker> markers;
    for (const scenario::Diagnostic& d : document_->diagnostics()) {
        if (d.pos.line > 0)
            markers.push_back({d.pos.line,
                               d.severity == scenario::Diagnostic::Severity::Error ? CodeEditor::LineMarker::Kind::Error
                                                                                   : CodeEditor::LineMarker::Kind::Warning,
                               fromStd(d.message)});
    }
    yaml->setLineMarkers(std::move(markers));

    if (document_->scenario() == nullptr) {
        codeTabs_->setCurrentWidget(yaml);
    } else if (CodeEditor* editor = codeEditor(previous)) {
        showEditorTab(editor);
    } else if (CodeEditor* views = codeEditor(QStringLiteral("views"))) {
        // The view is where a request's story starts; open there.
        codeTabs_->setCurrentWidget(views);
    }
}

void MainWindow::documentEdited()
{
    // Called from inside the edit (an editor's Apply, a middleware drag, undo): widgets are
    // updated in place, never deleted, since one of them may be the caller.
    const scenario::Scenario* scenario = document_->scenario();
    showDiagnostics();
    updateWindowTitle();
    loadPanel_->setScenario(scenario);
    if (scenario != nullptr) {
        requestModel_->setRequests(scenario->requests);
        requestsTitle_->setText(tr("REQUESTS  ·  %1").arg(scenario->requests.size()));
        middlewareTitle_->setText(scenario->settings.middlewareGiven
                                      ? tr("MIDDLEWARE  ·  %1").arg(scenario->settings.middleware.size())
                                      : tr("MIDDLEWARE  ·  %1  ·  startproject default").arg(scenario->settings.middleware.size()));
    }
    refreshCodePanes(scenario);
    // The lesson follows the edited file: its patches now apply to the new text.
    shownPatches_ = 0;
    lessonPlayer_->setScenario(scenario);
}

void MainWindow::refreshCodePanes(const scenario::Scenario* scenario)
{
    // An editor with unapplied typing keeps it: the reader's work is never overwritten.
    const auto refresh = [](CodeEditor* editor, const QString& text, int firstLine) {
        if (editor != nullptr && !editor->document()->isModified()
            && (editor->toPlainText() != text || editor->firstLineNumber() != firstLine))
            editor->setCode(text, firstLine);
    };
    refresh(codeEditor(QStringLiteral("scenario")), document_->text(), 1);
    if (scenario == nullptr)
        return;
    const auto refreshModule = [&](const std::optional<scenario::CodeBlock>& block, const QString& key) {
        if (block)
            refresh(codeEditor(key), blockText(*block), block->pos.line);
    };
    refreshModule(scenario->models, QStringLiteral("models"));
    refreshModule(scenario->urls, QStringLiteral("urls"));
    refreshModule(scenario->views, QStringLiteral("views"));
    refreshModule(scenario->middleware, QStringLiteral("middleware"));
    refreshModule(scenario->signals, QStringLiteral("signals"));
    refreshModule(scenario->apps, QStringLiteral("apps"));
    for (const scenario::Template& tmpl : scenario->templates)
        refresh(codeEditor(QStringLiteral("templates/") + fromStd(tmpl.name)), blockText(tmpl.source), tmpl.source.pos.line);
}

void MainWindow::updateCodeBadges()
{
    const trace::RequestTrace* request = run_->request(selectedRequest_);
    for (auto it = editors_.cbegin(); it != editors_.cend(); ++it) {
        if (it.key() == QLatin1String("scenario"))
            continue;
        it.value()->setLineBadges(request != nullptr ? CodeEditor::queryBadges(*request, it.key()) : QMap<int, int>());
    }
}

void MainWindow::showExecutingLine(const trace::Event* event)
{
    // "views:12" → the views pane, YAML line 12. Events without a source keep the last line lit.
    if (event == nullptr) {
        for (CodeEditor* editor : std::as_const(editors_))
            editor->setExecutingLine(0);
        return;
    }
    const QString source = fromStd(event->source);
    const qsizetype colon = source.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return;
    bool ok = false;
    const int line = source.mid(colon + 1).toInt(&ok);
    CodeEditor* target = codeEditor(source.left(colon));
    if (!ok || target == nullptr)
        return;
    for (CodeEditor* editor : std::as_const(editors_))
        editor->setExecutingLine(editor == target ? line : 0);
    if (playback_->mode() == PlaybackController::Mode::Fast || !codeDock_->isVisible())
        return;
    showEditorTab(target);
}

void MainWindow::showEditorTab(CodeEditor* editor)
{
    // Templates sit in their own tab row inside the Templates tab.
    if (templateTabs_ != nullptr && templateTabs_->indexOf(editor) >= 0) {
        templateTabs_->setCurrentWidget(editor);
        codeTabs_->setCurrentWidget(templateTabs_);
    } else {
        codeTabs_->setCurrentWidget(editor);
    }
}

void MainWindow::showYamlLine(int line, int column)
{
    CodeEditor* yaml = codeEditor(QStringLiteral("scenario"));
    if (yaml == nullptr)
        return;
    codeDock_->show();
    codeDock_->raise();
    codeTabs_->setCurrentWidget(yaml);
    yaml->goToLine(line, std::max(1, column));
    yaml->setFocus();
}

void MainWindow::showDiagnostics()
{
    // The loader's diagnostics, then (once the run is back) start-up and run problems.
    std::vector<scenario::Diagnostic> all = document_->diagnostics();
    if (!run_->isRunning() && document_->scenario() != nullptr) {
        const RunResult& result = run_->result();
        all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
        if (!result.failure.isEmpty())
            all.push_back({scenario::Diagnostic::Severity::Error, document_->path().toStdString(), {}, result.failure.toStdString()});
    }
    diagnosticsModel_->setDiagnostics(all);
    updateProblemsTitle();
}

void MainWindow::runStarted()
{
    runStatus_->setText(tr("Running…"));
}

void MainWindow::runFinished()
{
    showDiagnostics();
    const RunResult& result = run_->result();
    pipelineView_->setMiddleware(result.middleware);
    if (result.trace == nullptr && document_->scenario() != nullptr && document_->errorCount() == 0) {
        // The project did not start, or the engine failed: say so where the reader looks.
        problemsDock_->show();
        problemsDock_->raise();
    }
    findingsPanel_->setFindings(result.findings, document_->scenario());
    if (const scenario::Scenario* scenario = document_->scenario())
        sqlPanel_->setCostModel(load::CostModel::forScenario(*scenario));
    findingsDock_->setWindowTitle(result.findings.empty() ? tr("Findings") : tr("Findings (%1)").arg(result.findings.size()));
    if (result.trace != nullptr) {
        // A re-run of the same file (an edit) is compared with the run before it.
        if (previousTrace_ != nullptr && previousTracePath_ == document_->path() && previousTrace_ != result.trace)
            requestQueriesChart_->setComparison(*previousTrace_, *result.trace);
        else
            requestQueriesChart_->setTrace(*result.trace);
        previousTrace_ = result.trace;
        previousTracePath_ = document_->path();
    } else {
        requestQueriesChart_->clear();
        sourceLineChart_->clear();
    }
    const qsizetype count = result.trace != nullptr ? static_cast<qsizetype>(result.trace->requests.size()) : 0;
    if (pendingLessonRequest_ >= 0 && !run_->isRunning()) {
        // A lesson's `run` step: show that request and animate it.
        selectedRequest_ = pendingLessonRequest_;
        pendingLessonRequest_ = -1;
        selectRequest(std::clamp<qsizetype>(selectedRequest_, 0, std::max<qsizetype>(0, count - 1)));
        playback_->seek(0);
        playback_->run();
        return;
    }
    selectRequest(std::clamp<qsizetype>(selectedRequest_, 0, std::max<qsizetype>(0, count - 1)));
}

QString MainWindow::lessonSettingsKey() const
{
    return QStringLiteral("lesson/") + QString::fromLatin1(document_->path().toUtf8().toBase64(QByteArray::Base64UrlEncoding));
}

void MainWindow::applyLessonStep(int index)
{
    using Kind = scenario::LessonStep::Kind;
    const scenario::Scenario* file = document_->scenario();
    if (file == nullptr || !lessonPlayer_->hasLesson())
        return;
    settings_.setValue(lessonSettingsKey(), QByteArray::number(index));
    const scenario::LessonStep& step = lessonPlayer_->step(index);

    // The lesson's patches up to this step decide what runs; re-run only when they change.
    int patches = 0;
    for (int i = 0; i <= index; ++i)
        patches += lessonPlayer_->step(i).kind == Kind::Patch ? 1 : 0;
    const scenario::Scenario effective = lessonPlayer_->scenarioAt(index);
    const bool rerun = patches != shownPatches_;
    shownPatches_ = patches;
    refreshCodePanes(&effective);

    switch (step.kind) {
    case Kind::Run:
        pendingLessonRequest_ = step.run;
        if (rerun || run_->isRunning()) {
            run_->start(effective);
        } else {
            pendingLessonRequest_ = -1;
            selectRequest(step.run);
            playback_->seek(0);
            playback_->run();
        }
        break;
    case Kind::Patch:
    case Kind::Say:
    case Kind::Ask:
    case Kind::Compare:
        if (rerun)
            run_->start(effective);
        break;
    case Kind::Highlight: {
        if (rerun)
            run_->start(effective);
        const QString target = fromStd(step.text);
        const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
        if (CodeEditor* editor = colon > 0 ? codeEditor(target.left(colon)) : nullptr) {
            const int line = target.mid(colon + 1).toInt();
            codeDock_->show();
            codeDock_->raise();
            showEditorTab(editor);
            editor->goToLine(line);
            editor->setExecutingLine(line);
        } else {
            // A middleware, by class name or dotted path.
            for (int row = 0; row < middlewareModel_->rowCount(); ++row) {
                const QModelIndex entry = middlewareModel_->index(row, 0);
                if (entry.data(MiddlewareListModel::DottedPathRole).toString() == target
                    || entry.data(MiddlewareListModel::ClassNameRole).toString() == target) {
                    middlewareView_->setCurrentIndex(entry);
                    middlewareView_->scrollTo(entry);
                    break;
                }
            }
        }
        break;
    }
    case Kind::Show: {
        if (rerun)
            run_->start(effective);
        const std::string& panel = step.text;
        QDockWidget* dock = panel == "code"       ? codeDock_
                            : panel == "sql"      ? sqlDock_
                            : panel == "events"   ? eventLogDock_
                            : panel == "charts"   ? chartsDock_
                            : panel == "load"     ? chartsDock_
                            : panel == "problems" ? problemsDock_
                                                  : nullptr;
        if (panel == "load")
            chartTabs_->setCurrentWidget(loadPanel_);
        if (dock != nullptr) {
            dock->show();
            dock->raise();
        }
        break;
    }
    }
    if (presenting_)
        arrangePresenterPanels(step);
}

void MainWindow::arrangePresenterPanels(const scenario::LessonStep& step)
{
    // Only what the step is about, beside the pipeline and the lesson itself.
    using Kind = scenario::LessonStep::Kind;
    QList<QDockWidget*> wanted{lessonDock_};
    switch (step.kind) {
    case Kind::Run: wanted << sqlDock_; break;
    case Kind::Highlight:
        if (step.text.find(':') != std::string::npos)
            wanted << codeDock_;
        break;
    case Kind::Show:
        if (step.text == "code")
            wanted << codeDock_;
        else if (step.text == "sql")
            wanted << sqlDock_;
        else if (step.text == "events")
            wanted << eventLogDock_;
        else if (step.text == "charts" || step.text == "load")
            wanted << chartsDock_;
        else if (step.text == "problems")
            wanted << problemsDock_;
        break;
    default: break;
    }
    for (QDockWidget* dock : {codeDock_, sqlDock_, eventLogDock_, chartsDock_, problemsDock_, browserDock_, findingsDock_, lessonDock_})
        dock->setVisible(wanted.contains(dock));
    // Docks tabbed together show one at a time: bring each wanted one to the front, the lesson last.
    for (QDockWidget* dock : wanted)
        dock->raise();
    sidePanel_->setVisible(step.kind == Kind::Highlight && step.text.find(':') == std::string::npos);
    // A projector needs the step's text and a compare table readable from the back row.
    resizeDocks({lessonDock_}, {height() * 2 / 5}, Qt::Vertical);
}

void MainWindow::setPresenterMode(bool on)
{
    if (on == presenting_)
        return;
    presenting_ = on;
    presenterAction_->setChecked(on);
    lessonPanel_->setPresenting(on);
    const QList<QAction*> playbackActions = playbackBar_->playbackActions();
    if (on) {
        statesBeforePresenting_ = saveState();
        // The lesson takes the arrows and space (presentation clickers send PageUp/PageDown).
        playbackShortcuts_.clear();
        for (QAction* action : playbackActions) {
            playbackShortcuts_ << action->shortcut();
            action->setShortcut({});
        }
        lessonNextAction_->setShortcuts({QKeySequence(Qt::Key_PageDown), QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_Space)});
        lessonBackAction_->setShortcuts({QKeySequence(Qt::Key_PageUp), QKeySequence(Qt::Key_Left)});
        QFont large = QApplication::font();
        large.setPointSizeF(large.pointSizeF() * 1.5);
        setFont(large);
        QPalette contrast = QApplication::palette();
        contrast.setColor(QPalette::Window, Qt::white);
        contrast.setColor(QPalette::WindowText, Qt::black);
        contrast.setColor(QPalette::Base, Qt::white);
        contrast.setColor(QPalette::Text, Qt::black);
        contrast.setColor(QPalette::Highlight, QColor(0, 60, 190));
        contrast.setColor(QPalette::HighlightedText, Qt::white);
        setPalette(contrast);
        lessonDock_->show();
        showFullScreen();
        if (const scenario::LessonStep* step = lessonPlayer_->currentStep())
            arrangePresenterPanels(*step);
    } else {
        for (qsizetype i = 0; i < playbackActions.size() && i < playbackShortcuts_.size(); ++i)
            playbackActions[i]->setShortcut(playbackShortcuts_[i]);
        lessonNextAction_->setShortcuts({QKeySequence(Qt::Key_PageDown)});
        lessonBackAction_->setShortcuts({QKeySequence(Qt::Key_PageUp)});
        setFont(QFont());
        setPalette(QPalette());
        showNormal();
        restoreState(statesBeforePresenting_);
        sidePanel_->show();
    }
}

void MainWindow::selectRequest(qsizetype expandedIndex)
{
    selectedRequest_ = expandedIndex;
    const int keep = playback_->requestIndex() == expandedIndex ? playback_->position() : -1;
    const trace::RequestTrace* request = run_->request(expandedIndex);
    playback_->setRequest(request != nullptr ? run_->sharedTrace() : nullptr, expandedIndex);
    eventLogModel_->setRequest(run_->sharedTrace(), request);
    sqlPanel_->showRequest(request);
    updateCodeBadges();
    if (request != nullptr)
        sourceLineChart_->setTrace(*run_->trace(), expandedIndex);
    // A re-run of the same request (an edit) keeps the playback where the reader was.
    if (keep > 0)
        playback_->seek(keep);

    // Keep the request list's selection on the item this request was expanded from.
    int row = -1;
    for (int r = 0; r < requestModel_->rowCount(); ++r) {
        if (requestModel_->index(r).data(RequestListModel::ExpandedIndexRole).toLongLong() <= expandedIndex)
            row = r;
    }
    if (row >= 0 && requestView_->currentIndex().row() != row) {
        const QSignalBlocker block(requestView_->selectionModel());
        requestView_->setCurrentIndex(requestModel_->index(row));
    }
    updateRunStatus();
}

QString MainWindow::runStatus() const
{
    return runStatus_->text();
}

void MainWindow::updateRunStatus()
{
    const RunResult& result = run_->result();
    if (run_->isRunning()) {
        runStatus_->setText(tr("Running…"));
    } else if (!result.failure.isEmpty()) {
        runStatus_->setText(tr("Run failed — see Problems"));
    } else if (const trace::RequestTrace* request = run_->request(selectedRequest_)) {
        const std::size_t queries = request->queries.size();
        runStatus_->setText(QStringLiteral("#%1 %2 %3 → %4 · %5")
                                .arg(request->index)
                                .arg(QString::fromStdString(request->method), QString::fromStdString(request->path))
                                .arg(request->status)
                                .arg(queries == 1 ? tr("1 query") : tr("%1 queries").arg(queries)));
    } else if (document_->scenario() != nullptr && result.trace == nullptr) {
        runStatus_->setText(tr("Not run — see Problems"));
    } else {
        runStatus_->clear();
    }
}

void MainWindow::updateProblemsTitle()
{
    const int errors = diagnosticsModel_->errorCount();
    const int warnings = diagnosticsModel_->warningCount();
    QStringList parts;
    if (errors > 0)
        parts << (errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
    if (warnings > 0)
        parts << (warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
    problemsDock_->setWindowTitle(parts.isEmpty() ? tr("Problems") : tr("Problems — %1").arg(parts.join(QStringLiteral(", "))));
}

void MainWindow::updateRecentMenu()
{
    scenarioBrowser_->setRecentFiles(recentFiles_->files());
    recentMenu_->clear();
    const QStringList files = recentFiles_->files();
    for (int i = 0; i < files.size(); ++i) {
        const QString& file = files[i];
        const QString label = QStringLiteral("&%1  %2").arg((i + 1) % 10).arg(QFileInfo(file).fileName());
        QAction* action = recentMenu_->addAction(label, this, [this, file] { openFile(file); });
        action->setToolTip(QDir::toNativeSeparators(file));
        action->setStatusTip(QDir::toNativeSeparators(file));
    }
    if (!files.isEmpty())
        recentMenu_->addSeparator();
    QAction* clear = recentMenu_->addAction(tr("&Clear Recent Files"), recentFiles_, &RecentFiles::clear);
    clear->setEnabled(!files.isEmpty());
    recentMenu_->setEnabled(true);
}

void MainWindow::openWithDialog()
{
    QString directory = settings_.lastDirectory();
    if (directory.isEmpty() && !document_->isBuiltIn())
        directory = QFileInfo(document_->path()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), directory,
                                                      tr("Scenarios (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About PipeLab"),
        tr("<h3>PipeLab %1</h3>"
           "<p>A request-pipeline simulator and visual tracer for Django.</p>"
           "<p>A scenario file is a miniature Django project. PipeLab runs it without Django or a "
           "database and shows what Django would do: the middleware chain, the view, every SQL query "
           "and the line that caused it.</p>"
           "<p>Built with Qt %2.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

QString MainWindow::droppedScenarioPath(const QMimeData* mime)
{
    if (mime == nullptr || !mime->hasUrls())
        return {};
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml"))
            return path;
    }
    return {};
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedScenarioPath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedScenarioPath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(path);
}

void MainWindow::restoreSettings()
{
    const QByteArray geometry = settings_.value(QStringLiteral("mainWindow/geometry"));
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        QSize size(1440, 900);
        if (const QScreen* screen = QApplication::primaryScreen()) {
            const QSize available = screen->availableSize();
            size = size.boundedTo(QSize(available.width() * 9 / 10, available.height() * 9 / 10)).expandedTo(QSize(960, 600));
        }
        resize(size);
    }
    restoreState(settings_.value(QStringLiteral("mainWindow/state")));
    bodySplitter_->restoreState(settings_.value(QStringLiteral("mainWindow/bodySplitter")));
    sideSplitter_->restoreState(settings_.value(QStringLiteral("mainWindow/sideSplitter")));
}

void MainWindow::saveSettings()
{
    settings_.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings_.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings_.setValue(QStringLiteral("mainWindow/bodySplitter"), bodySplitter_->saveState());
    settings_.setValue(QStringLiteral("mainWindow/sideSplitter"), sideSplitter_->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    setPresenterMode(false); // the layout to remember is the normal one
    saveSettings();
    event->accept();
}

void MainWindow::updateWindowTitle()
{
    // "[*]" is where Qt puts the modified mark (and the platform its own convention).
    const scenario::Scenario* scenario = document_->scenario();
    const QString name = scenario != nullptr ? fromStd(scenario->name) : QFileInfo(document_->path()).fileName();
    setWindowTitle(name.isEmpty() ? QStringLiteral("PipeLab") : QStringLiteral("PipeLab — %1[*]").arg(name));
    setWindowModified(document_->isModified());
}

bool MainWindow::save()
{
    if (document_->isEmpty())
        return false;
    if (document_->isBuiltIn())
        return saveAs();
    if (!document_->save()) {
        QMessageBox::warning(this, tr("Save"), document_->saveError());
        return false;
    }
    if (autosave_)
        autosave_->remove(document_->path()); // saved: nothing left to recover
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(document_->path())), 4000);
    return true;
}

bool MainWindow::saveAs()
{
    if (document_->isEmpty())
        return false;
    QString suggestion = document_->isBuiltIn() ? QFileInfo(document_->path()).fileName() : document_->path();
    if (document_->isBuiltIn() && !settings_.lastDirectory().isEmpty())
        suggestion = QDir(settings_.lastDirectory()).filePath(suggestion);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Scenario As"), suggestion,
                                                      tr("Scenarios (*.yaml *.yml);;All files (*)"));
    return !path.isEmpty() && saveAs(path);
}

bool MainWindow::saveAs(const QString& path)
{
    const QString previousPath = document_->path();
    if (!document_->saveAs(path)) {
        QMessageBox::warning(this, tr("Save As"), document_->saveError());
        return false;
    }
    if (autosave_)
        autosave_->remove(previousPath);
    recentFiles_->add(path);
    settings_.setLastDirectory(QFileInfo(path).absolutePath());
    updateWindowTitle();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

void MainWindow::exportWithDialog(ExportKind kind)
{
    struct Choice {
        const char* suffix;
        QString filter;
    };
    const auto choice = [&]() -> Choice {
        switch (kind) {
        case ExportKind::PipelinePng:
        case ExportKind::ChartsPng: return {"png", tr("PNG images (*.png)")};
        case ExportKind::PipelineSvg:
        case ExportKind::ChartsSvg: return {"svg", tr("SVG images (*.svg)")};
        case ExportKind::ChromeTrace: return {"json", tr("Chrome Trace Event JSON (*.json)")};
        case ExportKind::RequestsCsv: return {"csv", tr("CSV files (*.csv)")};
        }
        return {"", QString()};
    }();
    const QString base = QFileInfo(document_->path()).completeBaseName();
    const QString directory = settings_.lastDirectory().isEmpty() ? QDir::homePath() : settings_.lastDirectory();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export"),
                                                      QDir(directory).filePath(base + QLatin1Char('.') + QLatin1String(choice.suffix)),
                                                      choice.filter);
    if (!path.isEmpty())
        exportTo(kind, path);
}

bool MainWindow::exportTo(ExportKind kind, const QString& path)
{
    const scenario::Scenario* scenario = document_->scenario();
    const trace::Trace* trace = run_->trace();
    const QString title = scenario != nullptr ? fromStd(scenario->name) : QStringLiteral("PipeLab");
    QByteArray bytes;
    QString problem;
    switch (kind) {
    case ExportKind::PipelinePng: bytes = ImageExport::widgetPng(pipelineView_); break;
    case ExportKind::PipelineSvg: bytes = ImageExport::sceneSvg(pipelineView_->scene(), title); break;
    case ExportKind::ChartsPng: bytes = ImageExport::widgetPng(chartTabs_->currentWidget()); break;
    case ExportKind::ChartsSvg: bytes = ImageExport::widgetSvg(chartTabs_->currentWidget(), title); break;
    case ExportKind::ChromeTrace:
    case ExportKind::RequestsCsv:
        if (scenario == nullptr || trace == nullptr) {
            problem = tr("There is no trace to export: the scenario has not run.");
            break;
        }
        bytes = kind == ExportKind::ChromeTrace ? TraceExport::chromeTraceJson(*trace, *scenario)
                                                : TraceExport::requestsCsv(*trace, *scenario).toUtf8();
        break;
    }
    if (problem.isEmpty() && bytes.isEmpty())
        problem = tr("Nothing could be rendered.");
    if (problem.isEmpty())
        TraceExport::writeFile(path, bytes, &problem); // sets `problem` on failure
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Export"), problem);
        return false;
    }
    statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 4000);
    return true;
}

bool MainWindow::maybeSave()
{
    if (!document_->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved Changes"),
        tr("%1 has unsaved edits. Save them before going on?").arg(document_->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard && autosave_)
        autosave_->remove(document_->path());
    return answer == QMessageBox::Discard;
}

bool MainWindow::recover(const Autosave::Entry& entry)
{
    // Open what the edits belong to (so Save writes there), then put the edits back as an edit.
    loadingFile_ = true;
    const bool opened = document_->load(entry.documentPath) || document_->fileWasRead();
    loadingFile_ = false;
    if (!opened)
        document_->loadText(entry.text.toUtf8(), entry.documentPath);
    showDocument();
    undoStack_->clear();
    document_->setText(entry.text);
    documentEdited();
    statusBar()->showMessage(tr("Recovered unsaved edits of %1").arg(QDir::toNativeSeparators(entry.documentPath)), 6000);
    return true;
}

bool MainWindow::offerRecovery(bool ask)
{
    if (!autosave_)
        return false;
    const QList<Autosave::Entry> entries = autosave_->entries();
    for (const Autosave::Entry& entry : entries) {
        if (!ask)
            return recover(entry);
        QMessageBox box(QMessageBox::Question, tr("Recover Unsaved Edits"),
                        tr("PipeLab ended without saving the edits to %1 (last edit %2). Recover them?")
                            .arg(QDir::toNativeSeparators(entry.documentPath), QLocale().toString(entry.savedAt, QLocale::ShortFormat)),
                        QMessageBox::NoButton, this);
        QPushButton* recoverButton = box.addButton(tr("Recover"), QMessageBox::AcceptRole);
        QPushButton* discardButton = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
        box.addButton(tr("Later"), QMessageBox::RejectRole);
        box.setDefaultButton(recoverButton);
        box.exec();
        if (box.clickedButton() == recoverButton)
            return recover(entry);
        if (box.clickedButton() == discardButton)
            autosave_->remove(entry.documentPath);
    }
    return false;
}

} // namespace pipelab::gui
