// SPDX-License-Identifier: MIT
// Menus, actions, the find bar and recent files of the main window.
#include "window/main_window.h"

#include "engine/session.h"
#include "graph/graph_controller.h"
#include "graph/graph_navigator.h"
#include "graph/graph_view.h"
#include "graph/minimap.h"
#include "panels/dependency_set_model.h"
#include "panels/masks_panel.h"
#include "window/preferences_dialog.h"
#include "window/rules_menu.h"
#include "window/theme.h"

#include <QActionGroup>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QToolBar>
#include <QUndoStack>

namespace prunescope::ui {

namespace {

constexpr int kMaxRecent = 10;

} // namespace

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open &Demo Model"), this, [this] {
        if (mayOpenAnotherModel())
            openDemo();
    });
    file->addSeparator();
    QMenu* exportMenu = file->addMenu(tr("&Export"));
    auto exportGraphAction = [this](bool visibleOnly) {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Graph"), QString(), tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (path.isEmpty())
            return;
        const QString error = exportGraph(path, visibleOnly);
        if (!error.isEmpty())
            showError(tr("Export failed"), error);
    };
    exportMenu->addAction(tr("Whole Graph as PNG/SVG…"), this, [exportGraphAction] { exportGraphAction(false); });
    exportMenu->addAction(tr("Visible Part as PNG/SVG…"), this, [exportGraphAction] { exportGraphAction(true); });
    exportMenu->addAction(tr("Report as CSV/JSON…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Report"), QString(), tr("Dependency sets, NNI's CSV (*.csv);;Full report, JSON (*.json)"));
        if (path.isEmpty())
            return;
        const QString error = exportReport(path);
        if (!error.isEmpty())
            showError(tr("Export failed"), error);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    updateRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undo->createUndoAction(edit, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_undo->createRedoAction(edit, tr("&Redo"));
    // Each key once: QKeySequence::Redo already holds Ctrl+Shift+Z on some platforms, and a
    // key registered twice on one action is ambiguous, so it triggers nothing.
    redo->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y) });
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Load Masks…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load Pruning Masks"), QString(), tr("Masks (*.pth *.pt *.json);;All files (*)"));
        if (!path.isEmpty())
            m_masksPanel->loadMasks(path);
    });
    edit->addAction(tr("Fix &All Mask Conflicts"), this, [this] { m_masksPanel->fixAll(); });
    edit->addSeparator();
    edit->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, [this] {
        if (PreferencesDialog(this).exec() == QDialog::Accepted)
            m_session->setRequestTimeout(Session::timeoutSetting());
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Fit"), QKeySequence(Qt::Key_F), m_navigator, &GraphNavigator::fit);
    view->addAction(
        tr("Zoom to &Selection"), QKeySequence(Qt::SHIFT | Qt::Key_F), m_navigator, &GraphNavigator::zoomToSelection);
    view->addAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), m_navigator, &GraphNavigator::actualSize);
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_view, [this] { m_view->zoomBy(1.25); });
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_view, [this] { m_view->zoomBy(0.8); });
    view->addSeparator();
    QMenu* depth = view->addMenu(tr("Expand to &Depth"));
    connect(depth, &QMenu::aboutToShow, this, [this, depth] {
        depth->clear();
        const int levels = m_graph->foldTree() ? m_graph->foldTree()->maxDepth() : 0;
        for (int level = 1; level <= levels; ++level)
            depth->addAction(tr("Level %1").arg(level), this, [this, level] { m_navigator->expandToDepth(level); });
    });
    view->addAction(tr("&Expand All"), this, [this] { m_graph->expandAllBelow(QString()); });
    view->addAction(tr("&Collapse All"), this, [this] {
        clearSearch(); // its matches are now hidden in boxes
        m_graph->collapseAll();
    });
    m_orientationAction = view->addAction(tr("&Left to Right"));
    m_orientationAction->setCheckable(true);
    m_orientationAction->setChecked(QSettings().value(QStringLiteral("view/leftToRight")).toBool());
    m_graph->setLeftToRight(m_orientationAction->isChecked());
    connect(m_orientationAction, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("view/leftToRight"), on);
        m_graph->setLeftToRight(on);
    });
    m_minimapAction = view->addAction(tr("&Minimap"));
    m_minimapAction->setCheckable(true);
    m_minimapAction->setChecked(true);
    connect(m_minimapAction, &QAction::toggled, m_minimap, &MiniMap::setWanted);
    view->addSeparator();
    QMenu* colors = view->addMenu(tr("Colour &By"));
    m_colorGroup = new QActionGroup(colors);
    m_channelColorAction
        = colors->addAction(tr("Channel Dependency Sets"), this, [this] { setColorMode(ColorMode::ChannelSets); });
    m_inputColorAction = colors->addAction(
        tr("Input-Channel Dependency Sets"), this, [this] { setColorMode(ColorMode::InputChannelSets); });
    for (QAction* a : { m_channelColorAction, m_inputColorAction }) {
        a->setCheckable(true);
        m_colorGroup->addAction(a);
    }
    m_channelColorAction->setChecked(true);
    view->addAction(tr("Reset &Layout"), this, &MainWindow::resetLayout);
    view->addMenu(createThemeMenu(this));
    view->addAction(tr("&Find…"), QKeySequence::Find, this, [this] {
        m_findEdit->setFocus();
        m_findEdit->selectAll();
    });

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    QMenu* pruneType = analysis->addMenu(tr("&Prune Type"));
    m_pruneTypeGroup = new QActionGroup(pruneType);
    m_filterAction = pruneType->addAction(
        tr("&Filter (Conv2d, Linear, ConvTranspose2d)"), this, [this] { setPruneType(PruneType::Filter); });
    m_batchnormAction
        = pruneType->addAction(tr("&Batchnorm (BatchNorm2d)"), this, [this] { setPruneType(PruneType::Batchnorm); });
    for (QAction* a : { m_filterAction, m_batchnormAction }) {
        a->setCheckable(true);
        m_pruneTypeGroup->addAction(a);
    }
    m_filterAction->setChecked(true);
    m_rulesMenu = new RulesMenu(m_session, analysis);
    connect(
        m_rulesMenu, &RulesMenu::requested, this, [this](Reply* reply) { watch(reply, tr("Analysis failed"), true); });
    analysis->addAction(tr("&Input Shape…"), this, &MainWindow::chooseInputShape);
    // Esc stops the engine when it works, else it ends a highlight.
    analysis->addAction(tr("&Cancel"), QKeySequence(Qt::Key_Escape), this, [this] {
        if (m_session->isBusy())
            cancelAnalysis();
        else
            m_navigator->clearHighlight();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Prunescope"), this, [this] {
        QMessageBox::about(this, tr("About Prunescope"),
            tr("<b>Prunescope</b><p>See what makes structured pruning of a PyTorch model safe or unsafe: channel "
               "dependencies, layers not safe to prune, FLOPs and mask conflicts, with NNI v2.9's rules.</p>"));
    });
}

void MainWindow::createFindBar()
{
    m_findBar = addToolBar(tr("Find"));
    QToolBar* bar = m_findBar;
    bar->setObjectName(QStringLiteral("findBar"));
    m_findEdit = new QLineEdit;
    m_findEdit->setObjectName(QStringLiteral("findEdit"));
    m_findEdit->setPlaceholderText(tr("Find layer or op (Ctrl+F)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->setMaximumWidth(320);
    m_findCount = new QLabel;
    bar->addWidget(m_findEdit);
    m_findPrevious = bar->addAction(tr("Previous"), this, [this] { findNext(-1); });
    m_findPrevious->setShortcut(QKeySequence::FindPrevious);
    m_findNext = bar->addAction(tr("Next"), this, [this] { findNext(1); });
    m_findNext->setShortcut(QKeySequence::FindNext);
    bar->addWidget(m_findCount);
    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] {
        if (m_findResults.isEmpty() || m_findEdit->isModified())
            find(m_findEdit->text());
        else
            findNext(1);
        m_findEdit->setModified(false);
    });
}

int MainWindow::find(const QString& text)
{
    m_findResults.clear();
    m_findIndex = -1;
    if (m_report && !text.trimmed().isEmpty()) {
        const QString needle = text.trimmed();
        for (const auto& node : m_report->nodes())
            if (m_report->uniqueName(node.id).contains(needle, Qt::CaseInsensitive)
                || m_report->type(node.id).contains(needle, Qt::CaseInsensitive))
                m_findResults.push_back(node.id);
        // Exact names first: "layer3.1.conv2" should not land on "layer3.1.conv2.x".
        std::stable_sort(m_findResults.begin(), m_findResults.end(), [&](int a, int b) {
            return m_report->uniqueName(a).compare(needle, Qt::CaseInsensitive) == 0
                && m_report->uniqueName(b).compare(needle, Qt::CaseInsensitive) != 0;
        });
    }
    m_findCount->setText(m_findResults.isEmpty() ? tr("no match") : tr("%n match(es)", nullptr, m_findResults.size()));
    if (!m_findResults.isEmpty())
        findNext(1);
    return m_findResults.size();
}

void MainWindow::clearSearch()
{
    m_findResults.clear();
    m_findIndex = -1;
    m_findEdit->clear();
    m_findCount->clear();
}

void MainWindow::findNext(int step)
{
    if (m_findResults.isEmpty())
        return;
    m_findIndex = (m_findIndex + step + m_findResults.size()) % m_findResults.size();
    const int node = m_findResults[m_findIndex];
    m_findCount->setText(tr("%1 of %2").arg(m_findIndex + 1).arg(m_findResults.size()));
    centerOnNode(node);
}

void MainWindow::centerOnNode(int node)
{
    if (m_scene->nodeItem(node)) {
        m_view->centerOnItemOf(node);
        return;
    }
    // Hidden in a collapsed box: expand it, then centre once the new layout is drawn.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_graph, &GraphController::layoutApplied, this, [this, node, connection] {
        disconnect(*connection);
        m_view->centerOnItemOf(node);
    });
    m_graph->reveal(node);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const auto& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                [this, path] {
                    if (mayOpenAnotherModel())
                        openModel(path);
                })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::rememberRecent(const QString& path)
{
    if (path.startsWith(m_demoDir.path()))
        return;
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

bool MainWindow::mayDropMaskFixes(const QString& question)
{
    if (!hasUnsavedMasks())
        return true;
    return QMessageBox::question(this, tr("Unsaved mask fixes"), question, QMessageBox::Discard | QMessageBox::Cancel,
               QMessageBox::Cancel)
        == QMessageBox::Discard;
}

bool MainWindow::mayOpenAnotherModel()
{
    return mayDropMaskFixes(tr("The fixed masks have not been saved. Open another model and lose the fixes?"));
}

void MainWindow::openDialog()
{
    if (!mayOpenAnotherModel())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open TorchScript Model"), QString(),
        tr("TorchScript models (*.pt *.pth *.pt2 *.zip *.torchscript);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::setColorMode(ColorMode mode)
{
    (mode == ColorMode::ChannelSets ? m_channelColorAction : m_inputColorAction)->setChecked(true);
    m_scene->setColorMode(mode);
    m_setModel->refresh();
    updateSetsPlaceholder();
}

} // namespace prunescope::ui
