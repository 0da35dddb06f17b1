// The main window's conversation with the engine worker: opening models, re-analysing
// with another prune type or input, cancelling, surviving crashes; and the exports.
#include "window/main_window.h"

#include "engine/engine_client.h"
#include "engine/mask_session.h"
#include "graph/graph_controller.h"
#include "graph/graph_view.h"
#include "model/flops_data.h"
#include "panels/dependency_set_model.h"
#include "panels/flops_panel.h"
#include "panels/module_tree_model.h"
#include "panels/properties_model.h"
#include "window/exporter.h"

#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
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

void MainWindow::openModel(const QString& path, const QString& inputs)
{
    if (m_request >= 0)
        m_engine->cancel(); // the latest request wins
    m_pendingPath = QFileInfo(path).absoluteFilePath();
    m_pendingInputs = inputs.isEmpty() ? savedInputs(m_pendingPath) : inputs;
    QJsonObject params { { "path", m_pendingPath }, { "prune_type", m_pruneType }, { "flops_mode", m_flopsMode } };
    if (!m_pendingInputs.isEmpty())
        params.insert("inputs", m_pendingInputs);
    m_request = m_engine->request(QStringLiteral("open"), params);
    setBusy(true, tr("Opening %1…").arg(QFileInfo(path).fileName()));
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

void MainWindow::requestAnalysis()
{
    if (m_modelPath.isEmpty())
        return;
    if (m_request >= 0)
        m_engine->cancel(); // the latest request wins; the worker restarts empty
    if (!m_workerHasModel) { // a fresh worker after a crash, a timeout or a cancel
        if (!m_maskSession->hasMasks()) {
            openModel(m_modelPath, m_modelInputs);
            return;
        }
        // Opening the model as if new would drop the masks and their unsaved fixes: the
        // session reopens it and replays them, and the analysis follows in the same worker.
        m_maskSession->restore();
    }
    m_pendingPath.clear();
    m_request = m_engine->request(
        QStringLiteral("analyze"), { { "prune_type", m_pruneType }, { "flops_mode", m_flopsMode } });
    setBusy(true, tr("Analysing…"));
}

void MainWindow::setPruneType(const QString& pruneType)
{
    (pruneType == QLatin1String("batchnorm") ? m_batchnormAction : m_filterAction)->setChecked(true);
    if (pruneType == m_pruneType)
        return;
    m_pruneType = pruneType;
    requestAnalysis();
}

void MainWindow::setFlopsMode(const QString& mode)
{
    m_flopsPanel->setMode(mode);
    if (mode == m_flopsMode)
        return;
    m_flopsMode = mode;
    if (m_modelPath.isEmpty())
        return;
    if (!m_workerHasModel) {
        requestAnalysis();
        return;
    }
    m_flopsRequest = m_engine->request(QStringLiteral("flops"), { { "mode", mode } });
}

void MainWindow::cancelAnalysis()
{
    if (m_request < 0)
        return;
    m_engine->cancel();
}

void MainWindow::chooseInputShape()
{
    const QString path = m_modelPath.isEmpty() ? m_pendingPath : m_modelPath;
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString current = m_modelInputs.isEmpty() ? QStringLiteral("1,3,224,224") : m_modelInputs;
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

void MainWindow::onProgress(int id, const QString& stage, double fraction)
{
    if (id != m_request)
        return;
    m_progress->setValue(static_cast<int>(fraction * 1000));
    m_progress->setFormat(stageText(stage));
}

void MainWindow::onFinished(int id, const QJsonObject& result)
{
    if (id == m_flopsRequest) {
        m_flopsRequest = -1;
        m_flopsPanel->setFlops(FlopsData::fromJson(result));
        updateHeat();
        emit flopsUpdated();
        return;
    }
    if (id != m_request)
        return;
    m_request = -1;
    setBusy(false);
    const bool newModel = !m_pendingPath.isEmpty();
    if (newModel) {
        // Masks belong to a model: a new model starts without them.
        m_maskSession->reset();
        m_undo->clear();
        m_modelPath = m_pendingPath;
        m_modelInputs = m_pendingInputs;
        if (!m_modelInputs.isEmpty())
            QSettings().setValue(QStringLiteral("inputs/") + m_modelPath, m_modelInputs);
        rememberRecent(m_modelPath);
        m_pendingPath.clear();
    }
    m_workerHasModel = true;
    applyReport(result, newModel);
}

void MainWindow::onFailed(int id, const QString& kind, const QString& message)
{
    if (id == m_flopsRequest) {
        m_flopsRequest = -1;
        showError(tr("FLOPs could not be counted"), message);
        return;
    }
    if (id != m_request)
        return;
    m_request = -1;
    setBusy(false);
    const QString path = m_pendingPath;
    m_pendingPath.clear();
    if (kind == QLatin1String("cancelled")) {
        statusBar()->showMessage(tr("Cancelled; the previous model stays open."), 5000);
        m_lastError = message;
        emit openFailed(message);
        return;
    }
    const QString title = kind == QLatin1String("crashed") ? tr("The analysis engine crashed")
        : kind == QLatin1String("timeout")                 ? tr("The analysis engine did not answer")
        : path.isEmpty()                                   ? tr("Analysis failed")
                                                           : tr("Cannot open %1").arg(QFileInfo(path).fileName());
    QString text = message;
    if (kind == QLatin1String("bad_input"))
        text += QLatin1String("\n\n") + tr("Use Analysis > Input Shape… to give the input the model expects.");
    if (!m_modelPath.isEmpty())
        text += QLatin1String("\n\n") + tr("%1 stays open.").arg(QFileInfo(m_modelPath).fileName());
    showError(title, text);
    emit openFailed(message);
}

void MainWindow::applyReport(const QJsonObject& json, bool newModel)
{
    auto report = std::make_shared<const Report>(Report::fromJson(json));
    const bool sameGraph = !newModel && m_report && m_report->nodes().size() == report->nodes().size();
    m_report = report;
    m_findResults.clear();
    m_properties->clearAll();
    m_newModelPending = true;
    if (sameGraph)
        m_graph->updateReport(m_report); // same graph, new colours: keep folding and cached layouts
    else
        m_graph->setReport(m_report);
    m_setModel->refresh();
    m_moduleTree->setReport(*m_report);
    m_flopsPanel->setFlops(FlopsData::fromJson(json.value("flops").toObject()));
    updateHeat();
    const QLocale locale;
    setWindowTitle(tr("%1 — Prunescope").arg(QFileInfo(m_modelPath).fileName()));
    m_modelLabel->setText(tr("%1 · %2 · %3 ops · %4 parameters · shapes on %5 tensors")
                              .arg(QFileInfo(m_modelPath).fileName(), m_report->modelType())
                              .arg(m_report->nodes().size())
                              .arg(locale.toString(m_report->totalParams()))
                              .arg(json.value("model").toObject().value("shape_mode").toString()));
}

QString MainWindow::exportGraph(const QString& path, bool visibleOnly)
{
    const QRectF area = visibleOnly ? m_view->mapToScene(m_view->viewport()->rect()).boundingRect()
                                    : m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive))
        return exportSvg(m_scene, area, path, QFileInfo(m_modelPath).fileName());
    return exportPng(m_scene, area, path);
}

QString MainWindow::exportReport(const QString& path)
{
    if (!m_report)
        return tr("No model is open.");
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return exportReportJson(*m_report, path);
    return exportDependencyCsv(*m_report, path);
}

} // namespace prunescope::ui
