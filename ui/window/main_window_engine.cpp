// SPDX-License-Identifier: MIT
// The main window's conversation with the engine worker: opening models, re-analysing
// with another prune type or input, cancelling, surviving crashes; and the exports.
#include "window/main_window.h"

#include "engine/session.h"
#include "graph/graph_controller.h"
#include "graph/graph_view.h"
#include "panels/dependency_set_model.h"
#include "panels/flops_panel.h"
#include "panels/module_tree_model.h"
#include "panels/properties_model.h"
#include "window/exporter.h"
#include "window/rules_menu.h"

#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

namespace prunescope::ui {

namespace {

QString stageText(const QString& stage)
{
    if (stage == QLatin1String("load"))
        return MainWindow::tr("Reading the model…");
    if (stage == QLatin1String("inline"))
        return MainWindow::tr("Inlining…");
    if (stage == QLatin1String("shapes"))
        return MainWindow::tr("Recording shapes…");
    if (stage == QLatin1String("graph"))
        return MainWindow::tr("Building the graph…");
    return MainWindow::tr("Analysing…");
}

} // namespace

QString MainWindow::savedInputs(const QString& path) const
{
    return QSettings().value(QStringLiteral("inputs/") + QFileInfo(path).absoluteFilePath()).toString();
}

QString MainWindow::modelPath() const
{
    return m_session->state().model ? qs(m_session->state().model->path) : QString();
}

void MainWindow::watch(Reply* reply, const QString& title, bool busy)
{
    if (busy) {
        setBusy(true, tr("Analysing…"));
        connect(reply, &Reply::progress, this, [this](const QString& stage, double fraction) {
            m_progress->setValue(static_cast<int>(fraction * 1000));
            m_progressText->setText(stageText(stage));
        });
    }
    connect(reply, &Reply::finished, this, [this, reply, title] {
        setBusy(m_session->isBusy());
        if (reply->ok())
            return;
        const QString& kind = reply->errorKind();
        if (kind == QLatin1String("cancelled")) {
            statusBar()->showMessage(tr("Cancelled; the previous model stays open."), 5000);
            m_lastError = reply->errorMessage();
            emit openFailed(reply->errorMessage());
            return;
        }
        const QString heading = kind == QLatin1String("crashed") ? tr("The analysis engine crashed")
            : kind == QLatin1String("timeout")                   ? tr("The analysis engine did not answer")
            : kind == QLatin1String("protocol")                  ? tr("Incompatible analysis engine")
                                                                 : title;
        QString text = reply->errorMessage();
        if (kind == QLatin1String("bad_input"))
            text += QLatin1String("\n\n") + tr("Use Analysis > Input Shape… to give the input the model expects.");
        if (m_report)
            text += QLatin1String("\n\n") + tr("%1 stays open.").arg(QFileInfo(modelPath()).fileName());
        if (kind != QLatin1String("protocol") || !m_errorBox) // the mismatch itself has its dialog
            showError(heading, text);
        m_lastError = text;
        emit openFailed(reply->errorMessage());
    });
}

void MainWindow::openModel(const QString& path, const QString& inputs)
{
    const QString file = QFileInfo(path).absoluteFilePath();
    const QString shapes = inputs.isEmpty() ? savedInputs(file) : inputs;
    Reply* reply = m_session->open(file, shapes, RulesMenu::preferred());
    watch(reply, tr("Cannot open %1").arg(QFileInfo(path).fileName()), true);
    setBusy(true, tr("Opening %1…").arg(QFileInfo(path).fileName()));
    connect(reply, &Reply::finished, this, [this, reply, file, shapes] {
        if (!reply->ok()) {
            // Input Shape… is what the error message suggests: it must retry this file.
            if (!reply->wasCancelled()) {
                m_failedOpen = file;
                m_failedInputs = shapes;
            }
            return;
        }
        m_failedOpen.clear();
        m_failedInputs.clear();
        if (!shapes.isEmpty())
            QSettings().setValue(QStringLiteral("inputs/") + file, shapes);
        rememberRecent(file);
    });
}

void MainWindow::openDemo()
{
    // The worker needs a file: the demo is copied out of the resources once.
    const QString path = m_demoDir.filePath(QStringLiteral("demo_model.pt"));
    if (!QFile::exists(path) && !QFile::copy(QStringLiteral(":/demo/demo_model.pt"), path)) {
        showError(tr("Cannot open the demo"), tr("The embedded demo model could not be written to %1.").arg(path));
        emit openFailed(m_lastError);
        return;
    }
    openModel(path);
}

void MainWindow::setPruneType(PruneType pruneType)
{
    (pruneType == PruneType::Batchnorm ? m_batchnormAction : m_filterAction)->setChecked(true);
    if (!m_session->state().model)
        return;
    watch(m_session->setPruneType(pruneType), tr("Analysis failed"), true);
}

void MainWindow::setFlopsMode(FlopsMode mode)
{
    m_flopsPanel->setMode(mode);
    if (!m_session->state().model)
        return;
    Reply* reply = m_session->setFlopsMode(mode);
    watch(reply, tr("FLOPs could not be counted"), false);
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->ok())
            applyState(); // the combo goes back to what the worker has
    });
}

void MainWindow::cancelAnalysis() { m_session->cancelRunning(); }

void MainWindow::chooseInputShape()
{
    // After a failed open the shape is for that file, which is not the one on screen.
    QString path = m_failedOpen.isEmpty() ? modelPath() : m_failedOpen;
    QString given = !m_failedOpen.isEmpty() ? m_failedInputs
        : m_session->state().model          ? qs(m_session->state().model->inputs)
                                            : QString();
    if (path.isEmpty()) {
        // No model open: the shape is for the model the user picks now.
        path = QFileDialog::getOpenFileName(this, tr("Open TorchScript Model"), QString(),
            tr("TorchScript models (*.pt *.pth *.pt2 *.zip *.torchscript);;All files (*)"));
        if (path.isEmpty())
            return;
        given = savedInputs(path);
    }
    bool ok = false;
    const QString current = given.isEmpty() ? QStringLiteral("1,3,224,224") : given;
    const QString inputs = QInputDialog::getText(this, tr("Input Shape"),
        tr("Example input of %1: sizes separated by commas, several inputs separated by ';', a dtype prefix for "
           "integer inputs (int64:1,128), a list of images in brackets with '|' between them "
           "([3,320,320|3,240,320], as detection models take).")
            .arg(QFileInfo(path).fileName()),
        QLineEdit::Normal, current, &ok);
    if (!ok || inputs.trimmed().isEmpty())
        return;
    // The model is analysed again from the start, and its masks are dropped with it.
    if (!mayDropMaskFixes(tr("The fixed masks have not been saved. Change the input and lose the fixes?")))
        return;
    openModel(path, inputs.trimmed());
}

void MainWindow::applyReport()
{
    // A new model: masks belong to the previous one.
    m_undo->clear();
    m_report = m_session->report();
    clearSearch();
    clearSelectionState();
    m_newModelPending = true;
    m_graph->setReport(m_report);
    m_setModel->refresh();
    updateSetsPlaceholder();
    m_moduleTree->setReport(m_report);
    applyFlops();
    updateTitle();
    updateModelLabel();
}

void MainWindow::updateModelLabel()
{
    const QLocale locale;
    m_modelLabel->setText(!m_report ? tr("No model")
                                    : tr("%1 · %2 · %3 ops · %4 parameters · shapes on %5 tensors")
                                          .arg(QFileInfo(m_report->modelPath()).fileName(), m_report->modelType())
                                          .arg(m_report->opCount())
                                          .arg(locale.toString(m_report->totalParams()))
                                          .arg(m_report->shapeMode()));
}

void MainWindow::applyAnalyses()
{
    // The same graph, another channel dependency: new colours, same folding and layout.
    m_report = m_session->report();
    m_findResults.clear();
    m_properties->clearAll();
    m_graph->updateReport(m_report);
    m_setModel->refresh();
    updateSetsPlaceholder();
    showMasksInGraph(); // now, not a turn later: modelReady says the window is up to date
    emit modelReady();
}

void MainWindow::applyFlops()
{
    if (const FlopsResult* flops = m_session->flops()) {
        m_flopsPanel->setFlops(*flops);
        updateHeat();
        emit flopsUpdated();
    }
}

void MainWindow::applyState()
{
    // The actions and the mode switch show what the worker has, whatever was clicked.
    const SessionSettings& settings = m_session->state().settings;
    (settings.prune_type == PruneType::Batchnorm ? m_batchnormAction : m_filterAction)->setChecked(true);
    m_flopsPanel->setMode(settings.flops_mode);
    // The dock lists what the rules in force tie: strict groups or NNI's sets, named as the
    // legend and the list's rows name them.
    if (QDockWidget* sets = dock(QStringLiteral("dependencySets")))
        sets->setWindowTitle(settings.rules == "strict" ? tr("Pruning groups") : tr("Dependency sets"));
    updateTitle();
}

void MainWindow::updateTitle()
{
    // [*] is where Qt puts the modified marker: unsaved mask fixes.
    setWindowTitle(
        m_report ? tr("%1[*] — Prunescope").arg(QFileInfo(m_report->modelPath()).fileName()) : tr("Prunescope[*]"));
    setWindowModified(m_session->hasUnsavedMasks());
}

QString MainWindow::exportGraph(const QString& path, bool visibleOnly)
{
    const QRectF area = visibleOnly ? m_view->mapToScene(m_view->viewport()->rect()).boundingRect()
                                    : m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        return exportSvg(m_scene, area, path, QFileInfo(modelPath()).fileName());
    return exportPng(m_scene, area, path);
}

QString MainWindow::exportReport(const QString& path)
{
    if (!m_report)
        return tr("No model is open.");
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return exportDependencyCsv(*m_report, path);
    Reply* reply = m_session->exportReport(path);
    connect(reply, &Reply::finished, this, [this, reply, path] {
        const QString error = reply->ok() ? QString() : reply->errorMessage();
        if (!error.isEmpty())
            showError(tr("Export failed"), error);
        emit reportExported(path, error);
    });
    return {};
}

} // namespace prunescope::ui
