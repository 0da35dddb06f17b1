#include "panels/masks_panel.h"

#include "engine/mask_session.h"
#include "panels/channel_strip.h"
#include "panels/conflict_list_model.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

namespace prunescope::ui {

namespace {

// A fix already applied by the worker when pushed: its first redo does nothing.
class FixCommand : public QUndoCommand {
public:
    FixCommand(MaskSession* session, QVector<QJsonArray>* log, QJsonArray fixes, const QString& text)
        : QUndoCommand(text)
        , m_session(session)
        , m_log(log)
        , m_fixes(std::move(fixes))
    {
        m_log->push_back(m_fixes);
    }
    void undo() override
    {
        m_session->undoFix();
        m_log->pop_back();
    }
    void redo() override
    {
        if (m_first) {
            m_first = false;
            return;
        }
        m_session->redoFix();
        m_log->push_back(m_fixes);
    }

private:
    MaskSession* m_session;
    QVector<QJsonArray>* m_log;
    QJsonArray m_fixes;
    bool m_first = true;
};

QVector<bool> keptVector(const QJsonArray& indices, int channels)
{
    QVector<bool> kept(channels, false);
    for (const auto& i : indices)
        if (i.toInt() >= 0 && i.toInt() < channels)
            kept[i.toInt()] = true;
    return kept;
}

QString csvList(const QJsonArray& values)
{
    QStringList parts;
    for (const auto& v : values)
        parts << QString::number(v.toInt());
    return QLatin1Char('"') + parts.join(QLatin1Char(' ')) + QLatin1Char('"');
}

} // namespace

MasksPanel::MasksPanel(MaskSession* session, QUndoStack* undo, QWidget* parent)
    : QWidget(parent)
    , m_session(session)
    , m_undo(undo)
    , m_conflicts(new ConflictListModel(this))
    , m_list(new QListView)
    , m_strip(new ChannelStrip)
    , m_strategy(new QComboBox)
    , m_fixSet(new QPushButton(tr("Fix This Set")))
    , m_fixAll(new QPushButton(tr("Fix All")))
    , m_save(new QPushButton(tr("Save")))
    , m_saveAs(new QPushButton(tr("Save As…")))
    , m_export(new QPushButton(tr("Export Changes…")))
    , m_status(new QLabel(tr("No masks loaded.")))
{
    auto* load = new QPushButton(tr("Load Masks…"));
    m_list->setModel(m_conflicts);
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_strategy->addItem(tr("union (NNI: keep a channel any layer keeps)"), QStringLiteral("union"));
    m_strategy->addItem(tr("intersection (keep only what every layer keeps)"), QStringLiteral("intersection"));
    m_strategy->addItem(tr("majority (keep what half the layers keep)"), QStringLiteral("majority"));
    m_fixSet->setToolTip(tr("Fix the selected set with the chosen strategy (undo with Ctrl+Z)"));
    m_fixAll->setToolTip(tr("Fix every conflict: group conflicts with NNI's rule, then every set with the strategy"));
    m_save->setToolTip(tr("Save the fixed masks (asks before replacing the file they were loaded from)"));

    auto* top = new QHBoxLayout;
    top->addWidget(load);
    top->addWidget(m_status, 1);
    top->addWidget(m_save);
    top->addWidget(m_saveAs);
    top->addWidget(m_export);
    auto* fixes = new QHBoxLayout;
    fixes->addWidget(new QLabel(tr("Strategy:")));
    fixes->addWidget(m_strategy, 1);
    fixes->addWidget(m_fixSet);
    fixes->addWidget(m_fixAll);
    // The list of conflicts beside the channels of the selected one.
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(fixes);
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
    connect(m_save, &QPushButton::clicked, this, &MasksPanel::save);
    connect(m_saveAs, &QPushButton::clicked, this, &MasksPanel::saveAs);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Mask Changes"), QString(), tr("JSON (*.json);;CSV (*.csv)"));
        if (!path.isEmpty())
            if (const QString error = exportChanges(path); !error.isEmpty())
                QMessageBox::warning(this, tr("Export failed"), error);
    });
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &MasksPanel::requestPreview);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &MasksPanel::onCurrentChanged);
    connect(m_session, &MaskSession::stateChanged, this, &MasksPanel::refresh);
    connect(m_session, &MaskSession::masksReplaced, this, [this] {
        m_undo->clear(); // the fixes it holds belonged to the previous masks
        m_appliedFixes.clear();
    });
    connect(m_session, &MaskSession::fixApplied, this, [this](const QString& strategy, const QJsonArray& applied) {
        m_undo->push(new FixCommand(m_session, &m_appliedFixes, applied, tr("Fix masks (%1)").arg(strategy)));
    });
    connect(m_session, &MaskSession::previewReady, this, [this](const QJsonObject& result) {
        const SetRef set = currentSet();
        const int row = m_conflicts->rowOf(set.kind, set.index);
        if (row < 0)
            return;
        const QJsonObject info = m_conflicts->set(row);
        const bool inputs = info.value("prune_dim").toInt() == 1;
        ChannelStrip::Row outcome { tr("after the fix"), {}, 0 };
        auto rows = m_strip->rows();
        outcome.channels = rows.isEmpty() ? 0 : rows.front().channels;
        outcome.kept = rows.isEmpty() ? QVector<bool>() : rows.front().kept;
        const QJsonObject changed = result.value("layers").toObject();
        for (auto it = changed.begin(); it != changed.end(); ++it)
            if (!it.value().isNull()) {
                outcome.kept = keptVector(
                    it.value().toObject().value(inputs ? "kept_inputs" : "kept").toArray(), outcome.channels);
                break;
            }
        m_strip->setRows(rows, outcome);
    });
    refresh();
}

QString MasksPanel::strategy() const { return m_strategy->currentData().toString(); }

void MasksPanel::setStrategy(const QString& strategy)
{
    const int index = m_strategy->findData(strategy);
    if (index >= 0)
        m_strategy->setCurrentIndex(index);
}

SetRef MasksPanel::currentSet() const
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return {};
    return { index.data(ConflictListModel::KindRole).toString(), index.data(ConflictListModel::IndexRole).toInt() };
}

void MasksPanel::selectRow(int row) { m_list->setCurrentIndex(m_conflicts->index(row, 0)); }

void MasksPanel::loadMasks(const QString& path) { m_session->load(path); }

void MasksPanel::fixSelected()
{
    const SetRef set = currentSet();
    if (!set.isAll())
        m_session->fix(set, strategy());
}

void MasksPanel::fixAll() { m_session->fix(SetRef {}, strategy()); }

void MasksPanel::chooseFile()
{
    if (m_session->hasMasks() && !m_undo->isClean()
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

void MasksPanel::save()
{
    // The file the masks came from is only replaced when the user says so.
    const auto answer = QMessageBox::question(this, tr("Replace the mask file?"),
        tr("Replace %1 with the fixed masks? The pruning tool that wrote it will load the fixed ones.")
            .arg(m_session->path()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_session->save(m_session->path(), true);
}

void MasksPanel::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Fixed Masks"), QString(), tr("NNI masks, torch.save (*.pth);;Prunescope JSON masks (*.json)"));
    if (!path.isEmpty())
        m_session->save(path, false);
}

void MasksPanel::refresh()
{
    const int previous = m_list->currentIndex().row();
    const SetRef before = currentSet();
    m_conflicts->setReport(m_session->conflicts());
    const bool loaded = m_session->hasMasks();
    m_status->setText(loaded ? tr("%1: %n conflict(s)", nullptr, m_conflicts->conflictCount()).arg(m_session->path())
                             : tr("No masks loaded."));
    for (QPushButton* b : { m_fixSet, m_fixAll, m_save, m_saveAs, m_export })
        b->setEnabled(loaded);
    int row = m_conflicts->rowOf(before.kind, before.index);
    if (row < 0 && previous >= 0 && previous < m_conflicts->rowCount())
        row = previous;
    for (int r = 0; row < 0 && r < m_conflicts->rowCount(); ++r) // first time: the first conflict
        if (m_conflicts->index(r, 0).data(ConflictListModel::ConflictRole).toBool())
            row = r;
    if (row >= 0)
        selectRow(row);
    else
        m_strip->clear();
    onCurrentChanged();
}

void MasksPanel::updateReferenceChoices(const QStringList& layers)
{
    const QString current = strategy();
    QSignalBlocker block(m_strategy);
    while (m_strategy->count() > 3)
        m_strategy->removeItem(3);
    for (const auto& layer : layers)
        m_strategy->addItem(tr("reference: %1").arg(layer), QStringLiteral("reference:") + layer);
    setStrategy(current);
}

void MasksPanel::onCurrentChanged()
{
    const SetRef set = currentSet();
    const int row = m_conflicts->rowOf(set.kind, set.index);
    if (row < 0) {
        m_strip->clear();
        updateReferenceChoices({});
        return;
    }
    const QJsonObject info = m_conflicts->set(row);
    QStringList layers;
    for (const auto& l : info.value("layers").toArray())
        layers << l.toString();
    updateReferenceChoices(set.kind == QLatin1String("channel") ? layers : QStringList());
    emit layersSelected(layers);
    QVector<ChannelStrip::Row> rows;
    const QJsonObject kept = info.value("kept").toObject();
    const bool inputs = info.value("prune_dim").toInt() == 1;
    int channels = info.value("channels").toInt();
    for (const auto& layer : layers) {
        const auto state = m_session->layers().value(layer);
        if (set.kind == QLatin1String("group")) {
            channels = static_cast<int>(state.channels);
            rows.push_back({ layer,
                keptVector(QJsonArray::fromVariantList(QVariantList(state.kept.begin(), state.kept.end())), channels),
                channels });
        } else if (kept.contains(layer)) {
            rows.push_back({ layer, keptVector(kept.value(layer).toArray(), channels), channels });
        } else {
            rows.push_back({ layer + tr(" (no mask)"), {}, channels });
        }
    }
    Q_UNUSED(inputs);
    m_strip->setRows(rows, { tr("after the fix"), {}, channels });
    requestPreview();
}

void MasksPanel::requestPreview()
{
    const SetRef set = currentSet();
    if (!set.isAll() && m_session->hasMasks())
        m_session->preview(set, strategy());
}

QString MasksPanel::exportChanges(const QString& path) const
{
    QByteArray bytes;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        bytes = "fix,kind,set,strategy,layer,created,reenabled,newly_pruned,sparsity_before,sparsity_after\n";
        for (int f = 0; f < m_appliedFixes.size(); ++f)
            for (const auto& fixValue : m_appliedFixes[f]) {
                const QJsonObject fix = fixValue.toObject();
                for (const auto& c : fix.value("changes").toArray()) {
                    const QJsonObject change = c.toObject();
                    bytes += QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8,%9,%10\n")
                                 .arg(f + 1)
                                 .arg(fix.value("kind").toString())
                                 .arg(fix.value("set_index").toInt() + 1)
                                 .arg(fix.value("strategy").toString(), change.value("layer").toString())
                                 .arg(change.value("created").toBool() ? 1 : 0)
                                 .arg(csvList(change.value("reenabled").toArray()),
                                     csvList(change.value("newly_pruned").toArray()))
                                 .arg(change.value("sparsity_before").toDouble())
                                 .arg(change.value("sparsity_after").toDouble())
                                 .toUtf8();
                }
            }
    } else {
        QJsonArray all;
        for (const auto& fix : m_appliedFixes)
            all.append(fix);
        bytes = QJsonDocument(QJsonObject { { "masks", m_session->path() }, { "fixes", all } }).toJson();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace prunescope::ui
