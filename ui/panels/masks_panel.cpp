// SPDX-License-Identifier: MIT
#include "panels/masks_panel.h"

#include "engine/session.h"
#include "panels/channel_strip.h"
#include "panels/conflict_list_model.h"
#include "panels/prune_result_dialog.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace prunescope::ui {

namespace {

// A fix the worker has applied when it is pushed: its first redo does nothing; undo and
// redo ask the worker, which holds the history.
class FixCommand : public QUndoCommand {
public:
    FixCommand(Session* session, int fixId, const QString& text)
        : QUndoCommand(text)
        , m_session(session)
        , m_fixId(fixId)
    {
    }
    void undo() override { m_session->undoFix(m_fixId); }
    void redo() override
    {
        if (m_first) {
            m_first = false;
            return;
        }
        m_session->redoFix(m_fixId);
    }

private:
    Session* m_session;
    int m_fixId;
    bool m_first = true;
};

QVector<bool> keptVector(const std::vector<int64_t>& indices, int channels)
{
    QVector<bool> kept(channels, false);
    for (int64_t i : indices)
        if (i >= 0 && i < channels)
            kept[static_cast<int>(i)] = true;
    return kept;
}

QVector<bool> keptVector(const std::vector<bool>& kept) { return QVector<bool>(kept.begin(), kept.end()); }

} // namespace

MasksPanel::MasksPanel(Session* session, QUndoStack* undo, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_undo(undo)
    , m_conflicts(new ConflictListModel(this))
    , m_list(new QListView)
    , m_strip(new ChannelStrip)
    , m_strategy(new QComboBox)
    , m_load(new QPushButton)
    , m_strategyLabel(new QLabel)
    , m_fixSet(new QPushButton)
    , m_fixAll(new QPushButton)
    , m_save(new QPushButton)
    , m_saveAs(new QPushButton)
    , m_export(new QPushButton)
    , m_exportPruned(new QPushButton)
    , m_status(new QLabel)
    , m_strategyNote(new QLabel)
{
    QPushButton* load = m_load;
    m_status->setObjectName(QStringLiteral("masksStatus"));
    m_saveAs->setObjectName(QStringLiteral("saveAs"));
    m_strategy->setObjectName(QStringLiteral("strategy"));
    m_list->setModel(m_conflicts);
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    for (const char* strategy : { "union", "intersection", "majority" })
        m_strategy->addItem(QString(), QLatin1String(strategy));
    retranslate();

    auto* top = new QHBoxLayout;
    top->addWidget(load);
    top->addWidget(m_status, 1);
    top->addWidget(m_save);
    top->addWidget(m_saveAs);
    top->addWidget(m_export);
    top->addWidget(m_exportPruned);
    auto* fixes = new QHBoxLayout;
    fixes->addWidget(m_strategyLabel);
    fixes->addWidget(m_strategy, 1);
    fixes->addWidget(m_fixSet);
    fixes->addWidget(m_fixAll);
    m_strategyNote->setWordWrap(true);
    m_strategyNote->hide();
    // The list of conflicts beside the channels of the selected one.
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(fixes);
    rightLayout->addWidget(m_strategyNote);
    rightLayout->addWidget(m_strip, 1);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_list);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(load, &QPushButton::clicked, this, &MasksPanel::chooseFile);
    connect(m_fixSet, &QPushButton::clicked, this, &MasksPanel::fixSelected);
    connect(m_fixAll, &QPushButton::clicked, this, &MasksPanel::fixAll);
    connect(m_save, &QPushButton::clicked, this, &MasksPanel::saveOverInput);
    connect(m_saveAs, &QPushButton::clicked, this, [this] { saveAs(); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Mask Changes"), QString(), tr("JSON (*.json);;CSV (*.csv)"));
        if (!path.isEmpty())
            exportChanges(path);
    });
    connect(this, &MasksPanel::changesExported, this, [this](const QString&, const QString& error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(m_exportPruned, &QPushButton::clicked, this, &MasksPanel::chooseExportPruned);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, [this] {
        m_strategyNote->hide(); // the user chose
        requestPreview();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &MasksPanel::onCurrentChanged);
    connect(m_session, &Session::masksChanged, this, &MasksPanel::refresh);
    connect(m_session, &Session::stateChanged, this, [this] {
        // The stack holds fixes of the masks on screen: new masks (or none) start it over.
        const QString path = m_session->masksPath();
        if (!m_session->hasMasks() || path != property("masksPath").toString())
            m_undo->clear();
        setProperty("masksPath", path);
        // The conflicts come with masksChanged (and a refresh); the state changes only
        // what the status line says (a save, the fix count).
        showStatus();
    });
    refresh();
}

void MasksPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
}

void MasksPanel::retranslate()
{
    m_load->setText(tr("Load Masks…"));
    m_strategyLabel->setText(tr("Strategy:"));
    m_fixSet->setText(tr("Fix This Set"));
    m_fixAll->setText(tr("Fix All"));
    m_save->setText(tr("Save"));
    m_saveAs->setText(tr("Save As…"));
    m_export->setText(tr("Export Changes…"));
    m_exportPruned->setText(tr("Export Pruned Model…"));
    m_strategy->setItemText(0, tr("union (NNI: keep a channel any layer keeps)"));
    m_strategy->setItemText(1, tr("intersection (keep only what every layer keeps)"));
    m_strategy->setItemText(2, tr("majority (keep what half the layers keep)"));
    for (int i = 3; i < m_strategy->count(); ++i)
        m_strategy->setItemText(i, tr("reference: %1").arg(m_strategy->itemData(i).toString().mid(10)));
    m_fixSet->setToolTip(tr("Fix the selected set with the chosen strategy (undo with Ctrl+Z)"));
    m_fixAll->setToolTip(tr("Fix every conflict: group conflicts with NNI's rule, then every set with the strategy"));
    m_save->setToolTip(tr("Save the fixed masks (asks before replacing the file they were loaded from)"));
    m_exportPruned->setToolTip(tr("Remove the masked channels for real (masks fixed under the strict pruning groups "
                                  "with the chosen strategy), verify the smaller model and write it"));
}

QString MasksPanel::strategy() const { return m_strategy->currentData().toString(); }

void MasksPanel::setStrategy(const QString& strategy)
{
    const int index = m_strategy->findData(strategy);
    if (index >= 0)
        m_strategy->setCurrentIndex(index);
}

std::optional<ConflictSetRef> MasksPanel::currentSet() const
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return std::nullopt;
    return m_conflicts->set(index.row()).kind == ConflictSet::Kind::Group
        ? ConflictSetRef { ConflictSet::Kind::Group, m_conflicts->set(index.row()).index }
        : ConflictSetRef { ConflictSet::Kind::Channel, m_conflicts->set(index.row()).index };
}

void MasksPanel::selectRow(int row) { m_list->setCurrentIndex(m_conflicts->index(row, 0)); }

void MasksPanel::reportFailure(Reply* reply, const QString& title)
{
    connect(reply, &Reply::finished, this, [this, reply, title] {
        if (!reply->ok() && !reply->wasCancelled())
            emit failed(title, reply->errorMessage());
    });
}

void MasksPanel::loadMasks(const QString& path)
{
    Reply* reply = m_session->loadMasks(QFileInfo(path).absoluteFilePath());
    reportFailure(reply, tr("Cannot load the masks"));
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->ok())
            return;
        m_undo->clear(); // the fixes it holds belonged to the previous masks
        emit masksLoaded();
    });
}

void MasksPanel::fix(const std::optional<ConflictSetRef>& set)
{
    const QString how = strategy();
    Reply* reply = m_session->fixMasks(set, how);
    reportFailure(reply, tr("Cannot change the masks"));
    connect(reply, &Reply::finished, this, [this, reply, how] {
        if (reply->ok() && reply->result().fixId >= 0)
            m_undo->push(new FixCommand(m_session, reply->result().fixId, tr("Fix masks (%1)").arg(how)));
    });
}

void MasksPanel::fixSelected()
{
    if (const auto set = currentSet())
        fix(set);
}

void MasksPanel::fixAll() { fix(std::nullopt); }

void MasksPanel::chooseFile()
{
    if (m_session->hasUnsavedMasks()
        && QMessageBox::question(this, tr("Unsaved mask fixes"),
               tr("The fixed masks have not been saved. Load other masks and lose the fixes?"),
               QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Discard)
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load Pruning Masks"), QString(), tr("Masks (*.pth *.pt *.json);;All files (*)"));
    if (!path.isEmpty())
        loadMasks(path);
}

Reply* MasksPanel::save(const QString& path, bool overwriteInput)
{
    Reply* reply = m_session->saveMasks(path, overwriteInput);
    reportFailure(reply, tr("Cannot save the masks"));
    connect(reply, &Reply::finished, this, [this, reply] {
        if (!reply->ok())
            return;
        m_undo->setClean();
        emit masksSaved(reply->result().path);
    });
    return reply;
}

void MasksPanel::saveOverInput()
{
    // The file the masks came from is only replaced when the user says so.
    const auto answer = QMessageBox::question(this, tr("Replace the mask file?"),
        tr("Replace %1 with the fixed masks? The pruning tool that wrote it will load the fixed ones.")
            .arg(m_session->masksPath()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        save(m_session->masksPath(), true);
}

QString MasksPanel::suggestedSavePath() const
{
    const QFileInfo loaded(m_session->masksPath());
    const bool json = loaded.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0;
    return loaded.dir().filePath(loaded.completeBaseName() + QStringLiteral("_fixed.") + (json ? "json" : "pth"));
}

Reply* MasksPanel::saveAs()
{
    const QString nni = tr("NNI masks, torch.save (*.pth)"), ours = tr("Prunescope JSON masks (*.json)");
    const QString suggested = suggestedSavePath();
    const bool json = suggested.endsWith(QLatin1String(".json"));
    QFileDialog dialog(this, tr("Save Fixed Masks"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setNameFilters({ nni, ours });
    dialog.selectNameFilter(json ? ours : nni);
    dialog.setDefaultSuffix(json ? QStringLiteral("json") : QStringLiteral("pth"));
    connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog, ours](const QString& filter) {
        dialog.setDefaultSuffix(filter == ours ? QStringLiteral("json") : QStringLiteral("pth"));
    });
    dialog.setDirectory(QFileInfo(suggested).absolutePath());
    dialog.selectFile(QFileInfo(suggested).fileName());
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return nullptr;
    QString path = dialog.selectedFiles().front();
    // A native dialog may not add the suffix; the format follows it, so it must be there.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("pth") && suffix != QLatin1String("pt") && suffix != QLatin1String("json"))
        path += dialog.selectedNameFilter() == ours ? QStringLiteral(".json") : QStringLiteral(".pth");
    return save(path, false);
}

QString MasksPanel::strategyNote() const { return m_strategyNote->isHidden() ? QString() : m_strategyNote->text(); }

void MasksPanel::exportChanges(const QString& path)
{
    Reply* reply = m_session->exportChanges(path);
    connect(reply, &Reply::finished, this,
        [this, reply, path] { emit changesExported(path, reply->ok() ? QString() : reply->errorMessage()); });
}

QProgressDialog* MasksPanel::pruneProgress() const { return m_pruneProgress; }

PruneResultDialog* MasksPanel::pruneResult() const { return m_pruneResult; }

void MasksPanel::chooseExportPruned()
{
    const QFileInfo model(m_session->state().model ? qs(m_session->state().model->path) : QString());
    const QString suggested = model.fileName().isEmpty()
        ? QString()
        : model.absoluteDir().filePath(model.completeBaseName() + QStringLiteral("_pruned.pt"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Pruned Model"), suggested, tr("TorchScript (*.pt);;All files (*)"));
    if (!path.isEmpty())
        exportPrunedModel(path);
}

namespace {

QString pruneStageText(const QString& stage)
{
    if (stage == QLatin1String("fix"))
        return MasksPanel::tr("Fixing the masks under the strict pruning groups…");
    if (stage == QLatin1String("load") || stage == QLatin1String("probe"))
        return MasksPanel::tr("Reading the model again…");
    if (stage == QLatin1String("slice") || stage == QLatin1String("save"))
        return MasksPanel::tr("Removing the pruned channels…");
    if (stage == QLatin1String("verify"))
        return MasksPanel::tr("Verifying the pruned model on real tensors…");
    if (stage == QLatin1String("measure"))
        return MasksPanel::tr("Measuring latency before and after…");
    if (stage == QLatin1String("write"))
        return MasksPanel::tr("Writing the pruned model…");
    return MasksPanel::tr("Pruning…");
}

} // namespace

void MasksPanel::exportPrunedModel(const QString& path, int latencyRuns)
{
    const QString file = QFileInfo(path).absoluteFilePath();
    Reply* reply = m_session->pruneModel(file, strategy(), latencyRuns);
    // Long (a forward of each model, latency runs): a progress dialog that can cancel.
    delete m_pruneProgress;
    m_pruneProgress = new QProgressDialog(pruneStageText({}), tr("Cancel"), 0, 100, this);
    m_pruneProgress->setWindowTitle(tr("Export Pruned Model"));
    m_pruneProgress->setWindowModality(Qt::WindowModal);
    m_pruneProgress->setAutoClose(false);
    m_pruneProgress->setAutoReset(false);
    m_pruneProgress->setMinimumDuration(0);
    m_pruneProgress->setValue(0);
    const QPointer<Reply> guarded(reply);
    connect(m_pruneProgress, &QProgressDialog::canceled, this, [guarded] {
        if (guarded)
            guarded->abort();
    });
    connect(reply, &Reply::progress, m_pruneProgress, [this](const QString& stage, double fraction) {
        m_pruneProgress->setLabelText(pruneStageText(stage));
        m_pruneProgress->setValue(static_cast<int>(100 * fraction));
    });
    connect(reply, &Reply::finished, this, [this, reply, file] {
        if (m_pruneProgress) {
            m_pruneProgress->hide();
            m_pruneProgress->deleteLater();
        }
        if (reply->wasCancelled()) {
            emit prunedModelExported(file, QStringLiteral("cancelled"));
            return;
        }
        if (!reply->ok() || !reply->result().prune) {
            const QString error
                = reply->ok() ? tr("The engine's reply holds no pruning result.") : reply->errorMessage();
            emit failed(tr("Cannot export the pruned model"), error);
            emit prunedModelExported(file, error);
            return;
        }
        showPruneResult(reply);
        emit prunedModelExported(file, QString());
    });
    // Cancelled too late: the file is there (replacing whatever was at its path), and the
    // window shows it as it shows any export.
    connect(reply, &Reply::finishedAfterCancel, this, [this, reply, file] {
        if (!reply->result().prune)
            return;
        showPruneResult(reply);
        emit prunedModelExported(file, QString());
    });
}

void MasksPanel::showPruneResult(Reply* reply)
{
    delete m_pruneResult;
    m_pruneResult = new PruneResultDialog(*reply->result().prune, this);
    m_pruneResult->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_pruneResult, &PruneResultDialog::openRequested, this, &MasksPanel::openPrunedModel);
    m_pruneResult->show();
}

void MasksPanel::refresh()
{
    const int previous = m_list->currentIndex().row();
    const auto before = currentSet();
    m_conflicts->setReport(m_session->conflicts(), m_session->state().settings.rules == "strict");
    showStatus();
    int row = m_conflicts->rowOf(before);
    if (row < 0 && previous >= 0 && previous < m_conflicts->rowCount())
        row = previous;
    for (int r = 0; row < 0 && r < m_conflicts->rowCount(); ++r) // first time: the first conflict
        if (m_conflicts->set(r).conflict)
            row = r;
    // The set is shown once, below: selecting its row must not show it a first time (with
    // thousands of layers, each showing highlights them and fills the strip).
    m_selecting = true;
    if (row >= 0)
        selectRow(row);
    else
        m_strip->clear();
    m_selecting = false;
    onCurrentChanged();
}

void MasksPanel::showStatus()
{
    const bool loaded = m_session->hasMasks();
    const QString saved = loaded ? qs(m_session->state().masks->saved_path) : QString();
    // File names: their directories would crowd the dock (and the README's screenshots);
    // the tooltip has the whole paths.
    const QString name = QFileInfo(m_session->masksPath()).fileName();
    m_status->setText(!loaded ? tr("No masks loaded.")
            : saved.isEmpty() ? tr("%1: %n conflict(s)", nullptr, m_conflicts->conflictCount()).arg(name)
                              : tr("%1: %n conflict(s); saved to %2", nullptr, m_conflicts->conflictCount())
                                    .arg(name, QFileInfo(saved).fileName()));
    m_status->setToolTip(!loaded ? QString()
            : saved.isEmpty()    ? m_session->masksPath()
                                 : tr("Loaded from %1, saved to %2").arg(m_session->masksPath(), saved));
    for (QPushButton* b : { m_fixSet, m_fixAll, m_save, m_saveAs, m_export, m_exportPruned })
        b->setEnabled(loaded);
}

void MasksPanel::updateReferenceChoices(const QStringList& layers)
{
    const QString current = strategy();
    QSignalBlocker block(m_strategy);
    // Keep the current item while the others change, so that the combo never jumps.
    const int keep = m_strategy->currentIndex();
    for (int i = m_strategy->count() - 1; i >= 3; --i)
        if (i != keep)
            m_strategy->removeItem(i);
    for (const auto& layer : layers)
        if (QStringLiteral("reference:") + layer != current)
            m_strategy->addItem(tr("reference: %1").arg(layer), QStringLiteral("reference:") + layer);
    if (!current.startsWith(QLatin1String("reference:")) || layers.contains(current.mid(10)))
        return;
    // A reference layer outside this set cannot be kept: say so rather than change silently.
    m_strategy->setCurrentIndex(0);
    m_strategy->removeItem(m_strategy->findData(current));
    m_strategyNote->setText(
        tr("The strategy went back to union: %1, the reference layer, is not in this set.").arg(current.mid(10)));
    m_strategyNote->show();
}

void MasksPanel::onCurrentChanged()
{
    if (m_selecting)
        return;
    const int row = m_conflicts->rowOf(currentSet());
    if (row < 0) {
        m_strip->clear();
        updateReferenceChoices({});
        return;
    }
    const ConflictSet& set = m_conflicts->set(row);
    const bool group = set.kind == ConflictSet::Kind::Group;
    const QStringList layers = qsList(set.layers);
    updateReferenceChoices(group ? QStringList() : layers);
    emit layersSelected(layers);
    QVector<ChannelStrip::Row> rows;
    int channels = set.kept.empty() ? 0 : static_cast<int>(set.kept.front().second.size());
    // By name: a set at scale has thousands of layers (3,001 in a 1,500-block residual net).
    std::unordered_map<std::string_view, const std::vector<bool>*> keptOf;
    keptOf.reserve(set.kept.size());
    for (const auto& [layer, kept] : set.kept)
        keptOf.emplace(layer, &kept);
    for (const auto& layer : set.layers) {
        const auto state = m_session->maskLayers().find(layer);
        const auto kept = keptOf.find(layer);
        if (group && state != m_session->maskLayers().end()) {
            channels = state->second.shape.empty() ? 0 : static_cast<int>(state->second.shape.front());
            rows.push_back({ qs(layer), keptVector(state->second.kept, channels), channels });
        } else if (kept != keptOf.end()) {
            rows.push_back({ qs(layer), keptVector(*kept->second), static_cast<int>(kept->second->size()) });
        } else {
            rows.push_back({ qs(layer) + tr(" (no mask)"), {}, channels });
        }
    }
    m_strip->setRows(rows, { tr("after the fix"), {}, channels });
    requestPreview();
}

void MasksPanel::requestPreview()
{
    const auto set = currentSet();
    if (!set || !m_session->hasMasks())
        return;
    Reply* reply = m_session->previewFix(set, strategy());
    const bool inputs = [&] {
        const int row = m_conflicts->rowOf(set);
        return row >= 0 && m_conflicts->set(row).prune_dim == 1;
    }();
    connect(reply, &Reply::finished, this, [this, reply, set, inputs] {
        if (!reply->ok() || m_conflicts->rowOf(currentSet()) != m_conflicts->rowOf(set))
            return;
        ChannelStrip::Row outcome { tr("after the fix"), {}, 0 };
        const auto rows = m_strip->rows();
        outcome.channels = rows.isEmpty() ? 0 : rows.front().channels;
        outcome.kept = rows.isEmpty() ? QVector<bool>() : rows.front().kept;
        for (const auto& [layer, state] : reply->result().previewLayers) {
            outcome.kept = keptVector(inputs ? state.kept_inputs : state.kept, outcome.channels);
            break;
        }
        m_strip->setRows(rows, outcome);
    });
}

} // namespace prunescope::ui
