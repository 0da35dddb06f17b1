// SPDX-License-Identifier: MIT
#include "window/main_window.h"

#include "engine/reply.h"
#include "engine/session.h"
#include "graph/box_item.h"
#include "graph/graph_controller.h"
#include "graph/graph_navigator.h"
#include "graph/graph_view.h"
#include "graph/heat_scale.h"
#include "graph/minimap.h"
#include "graph/node_item.h"
#include "panels/dependency_set_model.h"
#include "panels/flops_charts.h"
#include "panels/flops_panel.h"
#include "panels/flops_table_model.h"
#include "panels/legend_panel.h"
#include "panels/masks_panel.h"

#include "panels/module_tree_model.h"
#include "panels/properties_model.h"
#include <QSortFilterProxyModel>

#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <cmath>

namespace prunescope::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_session(new Session(this))
    , m_scene(new GraphScene(this))
    , m_graph(new GraphController(m_scene, this))
    , m_view(new GraphView(m_scene))
    , m_minimap(new MiniMap(m_scene, m_view, m_view))
    , m_navigator(new GraphNavigator(m_view, m_scene, m_graph, this))
    , m_setModel(new DependencySetModel(m_scene, this))
    , m_properties(new PropertiesModel(this))
    , m_moduleTree(new ModuleTreeModel(this))
    , m_undo(new QUndoStack(this))
{
    updateTitle();
    setAcceptDrops(true);
    setCentralWidget(m_view);
    m_session->setRequestTimeout(Session::timeoutSetting());
    // The minimap floats in the view's bottom-right corner.
    auto* overlay = new QGridLayout(m_view);
    overlay->setContentsMargins(8, 8, 24, 24);
    overlay->addWidget(m_minimap, 1, 1, Qt::AlignRight | Qt::AlignBottom);
    overlay->setRowStretch(0, 1);
    overlay->setColumnStretch(0, 1);

    // Before the masks dock connects its own: a masks reply then starts the graph's turn
    // first, and the conflict the panel highlights while refreshing joins it (one paint).
    m_graphMasks = new QTimer(this);
    m_graphMasks->setSingleShot(true);
    m_graphMasks->setInterval(0);
    connect(m_graphMasks, &QTimer::timeout, this, &MainWindow::showMasksInGraph);
    connect(m_session, &Session::masksChanged, this, &MainWindow::onMasksChanged);

    createMenus();
    createDocks();
    createFlopsDocks();
    createMasksDock();
    createFindBar();
    createStatusBar();
    placeDocks();

    connect(m_session, &Session::reportChanged, this, &MainWindow::applyReport);
    connect(m_session, &Session::analysesChanged, this, &MainWindow::applyAnalyses);
    connect(m_session, &Session::flopsChanged, this, &MainWindow::applyFlops);
    connect(m_session, &Session::stateChanged, this, &MainWindow::applyState);
    connect(m_session, &Session::protocolMismatch, this,
        [this](const QString& message) { showError(tr("Incompatible analysis engine"), message); });
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MainWindow::onSelectionChanged);
    connect(m_graph, &GraphController::layoutApplied, this, [this](double ms, int boxes) {
        m_timingLabel->setText(tr("layout %1 ms (%n box(es) laid out)", nullptr, boxes).arg(ms, 0, 'f', 0));
        m_minimap->refresh();
        // The items were drawn anew: what was selected is gone unless re-selected.
        if (m_scene->selectedItems().isEmpty())
            clearSelectionState();
        if (m_newModelPending) {
            m_newModelPending = false;
            m_view->showStart(m_graph->leftToRight());
            emit modelReady();
        }
    });

    resize(1400, 900);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_layoutRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_layoutRestored || m_docksSized)
        return;
    // The graph gets most of the window; the docks start small and can be resized.
    m_docksSized = true;
    sizeDocks();
}

MainWindow::~MainWindow()
{
    // The scene outlives this part of the window (it is a child QObject): its last
    // selectionChanged, sent while its items are deleted, must not reach a half-destroyed
    // window.
    m_scene->blockSignals(true);
    disconnect(m_scene, nullptr, this, nullptr);
}

bool MainWindow::isBusy() const { return m_session->isBusy() || m_graph->isLayingOut(); }

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (hasUnsavedMasks()) {
        const auto answer = QMessageBox::question(this, tr("Unsaved mask fixes"),
            tr("The fixed masks have not been saved. Save them before closing?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer != QMessageBox::Discard) {
            event->ignore();
            // The window closes once the worker has written them; a cancelled or failed
            // save keeps it open.
            if (answer == QMessageBox::Save)
                if (Reply* reply = m_masksPanel->saveAs())
                    connect(reply, &Reply::finished, this, [this, reply] {
                        if (reply->ok())
                            close();
                    });
            return;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::createDocks()
{
    m_setList = new QListView;
    m_setList->setModel(m_setModel);
    m_setList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_setList->setWordWrap(true);
    m_setList->setUniformItemSizes(false);
    // The highlight follows the selection (not the current row): deselecting ends it,
    // and choosing a set brings its members into view.
    connect(m_setList->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_setList->selectionModel()->selectedRows();
        m_scene->highlightSet(rows.isEmpty() ? -1 : rows.front().data(DependencySetModel::SetIndexRole).toInt());
        if (!rows.isEmpty())
            m_navigator->frameHighlight();
        if (!rows.isEmpty() && m_report) // its members (with their roles under strict rules)
            m_properties->showSet(*m_report, rows.front().data(DependencySetModel::SetIndexRole).toInt());
    });
    connect(m_scene, &GraphScene::highlightCleared, m_setList, &QListView::clearSelection);
    // A model whose layers all prune alone has no set to list: the dock says so.
    m_setsEmpty = new QLabel;
    m_setsEmpty->setObjectName(QStringLiteral("setsPlaceholder"));
    m_setsEmpty->setWordWrap(true);
    m_setsEmpty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_setsEmpty->setMargin(8);
    m_setsStack = new QStackedWidget;
    m_setsStack->addWidget(m_setList);
    m_setsStack->addWidget(m_setsEmpty);
    updateSetsPlaceholder();
    auto* sets = new QDockWidget(tr("Dependency sets"), this);
    sets->setObjectName(QStringLiteral("dependencySets"));
    sets->setWidget(m_setsStack);
    addDockWidget(Qt::LeftDockWidgetArea, sets);

    m_moduleView = new QTreeView;
    m_moduleView->setModel(m_moduleTree);
    m_moduleView->setUniformRowHeights(true);
    m_moduleView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_moduleView->header()->setResizeContentsPrecision(200);
    connect(m_moduleView, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const QString path = index.siblingAtColumn(0).data(ModuleTreeModel::PathRole).toString();
        if (m_graph->foldTree() && m_graph->foldTree()->isBox(path))
            m_graph->toggle(path);
        else if (const ModuleInfo* module = m_report ? m_report->module(path) : nullptr;
                 module && !module->calls.empty())
            centerOnNode(module->calls.front());
    });
    auto* modules = new QDockWidget(tr("Modules"), this);
    modules->setObjectName(QStringLiteral("modules"));
    modules->setWidget(m_moduleView);
    addDockWidget(Qt::LeftDockWidgetArea, modules);

    m_propertiesView = new QTableView;
    m_propertiesView->setModel(m_properties);
    m_propertiesView->horizontalHeader()->setStretchLastSection(true);
    m_propertiesView->verticalHeader()->hide();
    m_propertiesView->setWordWrap(true);
    m_propertiesView->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    // Long values (a warning's reason) wrap onto as many lines as they need.
    m_propertiesView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* properties = new QDockWidget(tr("Properties"), this);
    properties->setObjectName(QStringLiteral("properties"));
    properties->setWidget(m_propertiesView);
    addDockWidget(Qt::RightDockWidgetArea, properties);
}

void MainWindow::createFlopsDocks()
{
    m_flopsPanel = new FlopsPanel;
    auto* flops = new QDockWidget(tr("FLOPs"), this);
    flops->setObjectName(QStringLiteral("flops"));
    flops->setWidget(m_flopsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, flops);
    m_flopsCharts = new FlopsCharts(m_flopsPanel->proxy());
    auto* charts = new QDockWidget(tr("Charts"), this);
    charts->setObjectName(QStringLiteral("charts"));
    charts->setWidget(m_flopsCharts);
    addDockWidget(Qt::RightDockWidgetArea, charts);
    auto* legend = new QDockWidget(tr("Legend"), this);
    legend->setObjectName(QStringLiteral("legend"));
    auto* legendPanel = new LegendPanel(m_scene);
    legend->setWidget(legendPanel);
    // Choosing a set in the legend chooses it in the sets dock: highlighted and framed.
    connect(legendPanel, &LegendPanel::setChosen, this, [this](int set) {
        for (int row = 0; row < m_setModel->rowCount(); ++row)
            if (m_setModel->index(row, 0).data(DependencySetModel::SetIndexRole).toInt() == set)
                m_setList->selectionModel()->select(m_setModel->index(row, 0), QItemSelectionModel::ClearAndSelect);
    });
    addDockWidget(Qt::RightDockWidgetArea, legend); // placeDocks() tabs it with the charts
    connect(m_flopsPanel, &FlopsPanel::nodeActivated, this, [this](int node) {
        if (node >= 0)
            centerOnNode(node);
    });
    connect(m_flopsPanel, &FlopsPanel::modeChanged, this, &MainWindow::setFlopsMode);
    connect(m_flopsCharts, &FlopsCharts::layerClicked, this, [this](int node) {
        m_flopsPanel->selectNode(node);
        centerOnNode(node);
    });
    connect(m_flopsPanel, &FlopsPanel::heatOverlayToggled, this, &MainWindow::updateHeat);
}

void MainWindow::createMasksDock()
{
    m_masksPanel = new MasksPanel(m_session, m_undo);
    auto* masks = new QDockWidget(tr("Masks"), this);
    masks->setObjectName(QStringLiteral("masks"));
    masks->setWidget(m_masksPanel);
    addDockWidget(Qt::BottomDockWidgetArea, masks);
    tabifyDockWidget(findChild<QDockWidget*>(QStringLiteral("flops")), masks);
    findChild<QDockWidget*>(QStringLiteral("flops"))->raise();
    connect(m_masksPanel, &MasksPanel::failed, this,
        [this](const QString& title, const QString& message) { showError(title, message); });
    connect(m_masksPanel, &MasksPanel::masksLoaded, this, [this] {
        raiseDock(QStringLiteral("masks"));
        // The dock takes room from the view: the conflict the panel chose is framed again
        // once the docks have their new sizes (queued behind their layout request).
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_scene->hasHighlight() && !m_pendingHighlight)
                    m_navigator->frameHighlight();
            },
            Qt::QueuedConnection);
    });
    connect(m_masksPanel, &MasksPanel::masksSaved, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Masks saved to %1").arg(path), 6000);
        emit masksSaved(path);
    });
    connect(m_masksPanel, &MasksPanel::layersSelected, this, [this](const QStringList& layers) {
        if (m_graphMasks->isActive()) {
            m_pendingHighlight = layers; // shown with the masks, a turn later
            return;
        }
        m_scene->highlightLayers(layers);
        m_navigator->frameHighlight();
    });
    connect(m_masksPanel, &MasksPanel::prunedModelExported, this, [this](const QString& path, const QString& error) {
        if (error.isEmpty())
            statusBar()->showMessage(tr("Pruned model written to %1").arg(path), 6000);
    });
    connect(m_masksPanel, &MasksPanel::openPrunedModel, this, [this](const QString& path) {
        // Its own window and worker, with the input the original was opened with.
        const QString inputs = m_session->state().model ? qs(m_session->state().model->inputs) : QString();
        auto* window = new MainWindow;
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
        window->openModel(path, inputs);
        emit windowOpened(window);
    });
}

bool MainWindow::raiseDock(const QString& name)
{
    auto* dock = findChild<QDockWidget*>(name);
    if (!dock)
        return false;
    dock->show();
    dock->raise();
    if (dockWidgetArea(dock) == Qt::BottomDockWidgetArea && dock->height() < height() * 2 / 5)
        resizeDocks({ dock }, { height() * 2 / 5 }, Qt::Vertical);
    return true;
}

bool MainWindow::hasUnsavedMasks() const { return m_session->hasUnsavedMasks(); }

void MainWindow::onMasksChanged()
{
    // A timer, not now and not a queued call: at scale a masks reply restyles thousands of
    // layers, and the scene repaints right after; done in the same pass as the panels'
    // part of the reply (and the set they highlight), the window missed several frames.
    // masksChanged() comes when the graph shows them too.
    m_graphMasks->start();
}

void MainWindow::showMasksInGraph()
{
    m_graphMasks->stop();
    QHash<QString, QPair<int, int>> kept;
    for (const auto& [layer, state] : m_session->maskLayers())
        kept.insert(qs(layer),
            { static_cast<int>(state.kept.size()), state.shape.empty() ? 0 : static_cast<int>(state.shape.front()) });
    QSet<QString> conflicting;
    for (const auto& set : m_session->conflicts().sets)
        if (set.conflict)
            for (const auto& layer : set.layers)
                conflicting.insert(qs(layer));
    if (m_report)
        m_scene->setMaskInfo(kept, conflicting);
    if (m_pendingHighlight) {
        m_scene->highlightLayers(*m_pendingHighlight);
        m_navigator->frameHighlight();
        m_pendingHighlight.reset();
    }
    emit masksChanged();
}

void MainWindow::updateHeat()
{
    if (!m_flopsPanel->heatOverlay()) {
        m_scene->setHeat({});
        return;
    }
    // Square root of the share of the largest node (heatPosition): small layers stay visible.
    QHash<int, double> flopsOf;
    double largest = 0;
    for (const auto& row : m_flopsPanel->model()->flops().layers) {
        flopsOf[row.node] += static_cast<double>(row.flops);
        largest = std::max(largest, flopsOf[row.node]);
    }
    QHash<int, double> heat;
    for (auto it = flopsOf.begin(); it != flopsOf.end(); ++it)
        heat.insert(it.key(), heatPosition(it.value(), largest));
    m_scene->setHeat(
        heat, largest, m_flopsPanel->model()->flops().mode == FlopsMode::Extended ? tr("MACs") : tr("FLOPs"));
}

void MainWindow::createStatusBar()
{
    m_modelLabel = new QLabel(tr("No model"));
    m_timingLabel = new QLabel;
    m_progress = new QProgressBar;
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    // The stage and file beside the bar, not inside it: a bar's text is clipped to its width.
    m_progressText = new QLabel;
    m_progressText->setObjectName(QStringLiteral("progressText"));
    m_progressText->hide();
    // How long the engine has been at it, against the limit after which it is stopped.
    m_elapsedLabel = new QLabel;
    m_elapsedLabel->hide();
    m_elapsedTicker = new QTimer(this);
    m_elapsedTicker->setInterval(1000);
    connect(m_elapsedTicker, &QTimer::timeout, this, &MainWindow::updateElapsed);
    m_cancelButton = new QToolButton;
    m_cancelButton->setText(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop the analysis (Esc)"));
    m_cancelButton->hide();
    connect(m_cancelButton, &QToolButton::clicked, this, &MainWindow::cancelAnalysis);
    statusBar()->addWidget(m_modelLabel, 1);
    statusBar()->addPermanentWidget(m_timingLabel);
    statusBar()->addPermanentWidget(m_progressText);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_elapsedLabel);
    statusBar()->addPermanentWidget(m_cancelButton);
}

void MainWindow::setBusy(bool busy, const QString& text)
{
    m_progress->setVisible(busy);
    m_progressText->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_elapsedLabel->setVisible(busy);
    if (busy) {
        m_progress->setValue(0);
        m_progressText->setText(text);
        m_elapsedTicker->start();
    } else {
        m_elapsedTicker->stop();
    }
    updateElapsed();
}

void MainWindow::updateSetsPlaceholder()
{
    const bool empty = m_setModel->rowCount() == 0;
    m_setsStack->setCurrentWidget(empty ? static_cast<QWidget*>(m_setsEmpty) : m_setList);
    if (!m_report)
        m_setsEmpty->setText(tr("No model is open."));
    else
        m_setsEmpty->setText(m_scene->colorMode() == ColorMode::ChannelSets
                ? tr("No layers share channels in this model: each of its %n prunable layer(s) can be pruned on its "
                     "own, by any amount.",
                    nullptr, static_cast<int>(m_report->channelSets().size()))
                : tr("No layers share input channels in this model: each of its %n prunable layer(s) can lose input "
                     "channels on its own.",
                    nullptr, static_cast<int>(m_report->inputChannelSets().size())));
}

QString MainWindow::setsPlaceholder() const
{
    return m_setsStack->currentWidget() == m_setsEmpty ? m_setsEmpty->text() : QString();
}

void MainWindow::clearSelectionState()
{
    m_properties->clearAll();
    m_flopsPanel->clearSelection();
}

QMessageBox* MainWindow::errorBox() const { return m_errorBox.data(); }

QString MainWindow::elapsedText() const
{
    const int limit = m_session->requestTimeout();
    const int elapsed = m_session->busySeconds();
    return limit > 0 ? tr("%1 s of %2 s").arg(elapsed).arg(limit) : tr("%1 s").arg(elapsed);
}

void MainWindow::updateElapsed()
{
    m_elapsedLabel->setText(elapsedText());
    m_elapsedLabel->setToolTip(m_session->requestTimeout() > 0
            ? tr("The engine is stopped after %n second(s) (Preferences); Cancel or Esc stops it now.", nullptr,
                m_session->requestTimeout())
            : tr("No time limit (Preferences); Cancel or Esc stops the engine."));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    m_lastError = message;
    statusBar()->showMessage(title, 8000);
    if (m_errorBox)
        m_errorBox->close();
    // Window-modal but not blocking: the event loop (and the tests) keep running.
    m_errorBox = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
    m_errorBox->open();
}

void MainWindow::onSelectionChanged()
{
    if (!m_report)
        return;
    const auto selected = m_scene->selectedItems();
    if (selected.isEmpty())
        return;
    if (auto* node = qgraphicsitem_cast<NodeItem*>(selected.front())) {
        m_properties->showNode(*m_report, m_report->nodes()[static_cast<size_t>(node->nodeId())]);
        m_flopsPanel->selectNode(node->nodeId());
    } else if (auto* box = qgraphicsitem_cast<BoxItem*>(selected.front()))
        m_properties->showModule(*m_report, box->module());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().size() == 1
        && event->mimeData()->urls().front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    event->acceptProposedAction();
    if (mayOpenAnotherModel())
        openModel(event->mimeData()->urls().front().toLocalFile());
}

} // namespace prunescope::ui
