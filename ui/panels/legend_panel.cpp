// SPDX-License-Identifier: MIT
#include "panels/legend_panel.h"

#include "graph/box_item.h"
#include "graph/graph_scene.h"
#include "graph/heat_scale.h"
#include "graph/node_item.h"
#include "graph/set_palette.h"
#include "panels/si_format.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QLinearGradient>
#include <QListWidget>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QVBoxLayout>

namespace prunescope::ui {

namespace {

constexpr QSize kIcon(44, 24);
constexpr int kKeyRole = Qt::UserRole + 1;
constexpr int kSetRole = Qt::UserRole + 2;

// The graph's own item, painted small and without text (its look has none): only its
// outline, fill and marks show, exactly as on the canvas.
QIcon iconOf(QGraphicsItem& item, const QSizeF& size)
{
    const qreal ratio = qApp->devicePixelRatio();
    QPixmap pixmap(kIcon * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    const double scale
        = std::min((kIcon.width() - 4) / (size.width() + 12), (kIcon.height() - 4) / (size.height() + 12));
    painter.translate((kIcon.width() - size.width() * scale) / 2, (kIcon.height() - size.height() * scale) / 2 + 1);
    painter.scale(scale, scale);
    QStyleOptionGraphicsItem option;
    item.paint(&painter, &option, nullptr);
    return QIcon(pixmap);
}

QIcon nodeIcon(const NodeLook& look)
{
    const QRectF rect(0, 0, 52, 24);
    NodeItem item(-1, rect, look);
    return iconOf(item, rect.size());
}

QIcon boxIcon(bool expanded, int unsafeInside)
{
    BoxLook look;
    look.unsafeInside = unsafeInside;
    const QRectF rect(0, 0, 52, 26);
    BoxItem item(QString(), rect, expanded, look, QRectF());
    return iconOf(item, rect.size());
}

} // namespace

HeatScaleBar::HeatScaleBar(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HeatScaleBar::setScale(double largest, const QString& unit)
{
    m_largest = largest;
    m_unit = unit;
    update();
}

QVector<QPair<double, QString>> HeatScaleBar::ticks() const
{
    return { { 0.0, QStringLiteral("0") }, { 0.5, siNumber(heatValueAt(0.5, m_largest)) },
        { 1.0, tr("%1 %2", "largest value on the heat scale, unit").arg(siNumber(m_largest), m_unit) } };
}

QSize HeatScaleBar::sizeHint() const { return QSize(200, fontMetrics().height() + 22); }

void HeatScaleBar::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const QRectF bar(8, 2, width() - 16, 14);
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (int i = 0; i <= 16; ++i)
        gradient.setColorAt(i / 16.0, heatColor(i / 16.0));
    painter.fillRect(bar, gradient);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawRect(bar);
    const QFontMetrics metrics = fontMetrics();
    for (const auto& [t, label] : ticks()) {
        const double x = bar.left() + t * bar.width();
        painter.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 3));
        const int w = metrics.horizontalAdvance(label);
        const double left = std::clamp(x - w / 2.0, 0.0, static_cast<double>(width() - w));
        painter.drawText(QPointF(left, bar.bottom() + 4 + metrics.ascent()), label);
    }
}

LegendPanel::LegendPanel(GraphScene* scene, QWidget* parent)
    : QWidget(parent)
    , m_scene(scene)
    , m_list(new QListWidget)
    , m_heatTitle(new QLabel)
    , m_heat(new HeatScaleBar)
{
    m_list->setIconSize(kIcon);
    m_list->setWordWrap(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_heatTitle->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_heatTitle);
    layout->addWidget(m_heat);
    layout->addWidget(m_list, 1);
    connect(scene, &GraphScene::looksChanged, this, &LegendPanel::refresh);
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        if (const QVariant set = item->data(kSetRole); set.isValid())
            emit setChosen(set.toInt());
    });
    refresh();
}

const LegendEntry* LegendPanel::entry(const QString& key) const
{
    for (const auto& e : m_entries)
        if (e.key == key)
            return &e;
    return nullptr;
}

void LegendPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // The symbols are painted with the palette: a new theme repaints them.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        m_forceRebuild = true;
        refresh();
    }
}

void LegendPanel::refresh()
{
    const QVector<LegendEntry> before = std::move(m_entries);
    m_entries.clear();
    const Report* report = m_scene->report();
    if (report) {
        const auto& sets = report->sets(m_scene->colorMode());
        for (int color = 0;; ++color) {
            const int set = m_scene->setIndexOfColor(color);
            if (set < 0 || static_cast<size_t>(set) >= sets.size())
                break;
            LegendEntry e;
            e.kind = LegendEntry::Set;
            e.key = QStringLiteral("set");
            e.setIndex = set;
            e.colorIndex = color;
            e.color = setColor(color);
            const QString names = joinNames(sets[static_cast<size_t>(set)], QStringLiteral(", "), 6);
            // Under strict rules the colours are the strict groups: named as the sets dock names them.
            const PruningGroup* group
                = m_scene->colorMode() == ColorMode::ChannelSets ? report->strictGroup(set) : nullptr;
            e.text = !group        ? tr("Set %1: %2").arg(set + 1).arg(names)
                : group->blocked() ? tr("Group %1 (not prunable): %2").arg(set + 1).arg(names)
                                   : tr("Group %1: %2").arg(set + 1).arg(names);
            m_entries << e;
        }
    }
    auto mark = [this](LegendEntry::Kind kind, const char* key, const QString& text) {
        LegendEntry e;
        e.kind = kind;
        e.key = QLatin1String(key);
        e.text = text;
        m_entries << e;
    };
    mark(LegendEntry::Mark, "unsafe", tr("▲ on a layer: not safe to prune (its tooltip says why)"));
    mark(LegendEntry::Mark, "unsafe-inside", tr("● on a collapsed module: it holds layers not safe to prune"));
    if (report && report->isStrict() && !report->strict()->differences.empty())
        mark(LegendEntry::Mark, "rules-differ",
            tr("◆ on a layer: its strict group is not NNI v2.9's set (its tooltip says why)"));
    if (m_scene->conflictsShown())
        mark(LegendEntry::Mark, "conflict", tr("Dashed vermillion border: the masks of its set disagree"));
    if (m_scene->maskInfoShown())
        mark(LegendEntry::Mark, "kept",
            tr("“%1”: output channels the masks keep, of all")
                .arg(GraphScene::tr("%1/%2 kept").arg(31).arg(64))); // as the nodes say it
    mark(LegendEntry::Shape, "layer", tr("Box: a module's call (a layer)"));
    mark(LegendEntry::Shape, "op",
        tr("Dashed oval: a functional op (add, cat, flatten…); it takes the colour of the set it ties"));
    mark(LegendEntry::Shape, "io", tr("Filled pill: a model input or output, with its shape"));
    mark(LegendEntry::Shape, "collapsed", tr("Double outline: a collapsed module (double-click to expand)"));
    mark(LegendEntry::Shape, "expanded", tr("Dashed frame: an expanded module"));

    const bool heat = m_scene->heatShown();
    m_heatTitle->setVisible(heat);
    m_heat->setVisible(heat);
    if (heat) {
        m_heatTitle->setText(
            tr("Heat overlay: %1 per layer (light: few, dark red: many; square-root scale)").arg(m_scene->heatUnit()));
        m_heat->setScale(m_scene->heatLargest(), m_scene->heatUnit());
    }
    // Every relayout (a fold, an unfold) says the looks changed: the list, with an icon
    // per set, is only made again when what it shows did change.
    const qint64 paletteKey = QApplication::palette().cacheKey();
    const int mode = static_cast<int>(m_scene->colorMode());
    if (m_forceRebuild || before != m_entries || paletteKey != m_paletteKey || mode != m_mode
        || m_hadReport != (report != nullptr))
        rebuild();
    m_forceRebuild = false;
    m_paletteKey = paletteKey;
    m_mode = mode;
    m_hadReport = report != nullptr;
}

void LegendPanel::rebuild()
{
    m_list->clear();
    auto heading = [this](const QString& text) {
        auto* item = new QListWidgetItem(text, m_list);
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setFlags(Qt::ItemIsEnabled);
    };
    LegendEntry::Kind section = LegendEntry::Kind(-1);
    for (const auto& e : m_entries) {
        if (e.kind != section) {
            section = e.kind;
            const bool channel = m_scene->colorMode() == ColorMode::ChannelSets;
            heading(e.kind == LegendEntry::Set
                    ? (channel && m_scene->report()->isStrict() ? tr("Strict pruning groups (output channels)")
                            : channel                           ? tr("Dependency sets (output channels)")
                                                                : tr("Dependency sets (input channels)"))
                    : e.kind == LegendEntry::Mark ? tr("Marks")
                                                  : tr("Shapes"));
        }
        auto* item = new QListWidgetItem(e.text, m_list);
        item->setData(kKeyRole, e.key);
        NodeLook look;
        if (e.kind == LegendEntry::Set) {
            look.colorIndex = e.colorIndex;
            const auto& members = m_scene->report()->sets(m_scene->colorMode())[static_cast<size_t>(e.setIndex)];
            item->setToolTip(joinNames(members, QStringLiteral("\n"), 40));
            item->setData(kSetRole, e.setIndex);
            item->setIcon(nodeIcon(look));
        } else if (e.key == QLatin1String("unsafe")) {
            look.unsafe = true;
            item->setIcon(nodeIcon(look));
        } else if (e.key == QLatin1String("unsafe-inside")) {
            item->setIcon(boxIcon(false, 1));
        } else if (e.key == QLatin1String("rules-differ")) {
            look.rulesDiffer = true;
            item->setIcon(nodeIcon(look));
        } else if (e.key == QLatin1String("conflict")) {
            look.maskConflict = true;
            item->setIcon(nodeIcon(look));
        } else if (e.key == QLatin1String("layer") || e.key == QLatin1String("kept")) {
            item->setIcon(nodeIcon(look));
        } else if (e.key == QLatin1String("op")) {
            look.isFunction = true;
            item->setIcon(nodeIcon(look));
        } else if (e.key == QLatin1String("io")) {
            look.isModelIo = true;
            item->setIcon(nodeIcon(look));
        } else {
            item->setIcon(boxIcon(e.key == QLatin1String("expanded"), 0));
        }
    }
    if (m_scene->report() && m_entries.front().kind != LegendEntry::Set) {
        auto* none = new QListWidgetItem(tr("No layers share channels here: every layer can be pruned on its own."));
        none->setFlags(Qt::ItemIsEnabled);
        m_list->insertItem(0, none);
    }
}

} // namespace prunescope::ui
