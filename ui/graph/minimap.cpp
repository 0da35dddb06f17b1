// SPDX-License-Identifier: MIT
#include "graph/minimap.h"

#include "graph/box_item.h"
#include "graph/graph_scene.h"
#include "graph/graph_view.h"
#include "graph/node_item.h"
#include "graph/set_palette.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace prunescope::ui {

namespace {

constexpr int kInset = 3; // between the frame and the thumbnail
constexpr double kMinVisible = 4; // the visible area's rectangle never gets thinner

} // namespace

MiniMap::MiniMap(GraphScene* scene, GraphView* main, QWidget* parent)
    : QWidget(parent)
    , m_scene(scene)
    , m_main(main)
{
    setCursor(Qt::OpenHandCursor);
    setToolTip(tr("Overview: drag the rectangle, or click, to move the view"));
    setFixedSize(kMaxWidth, 120);
    connect(main, &GraphView::viewportChanged, this, [this] {
        updateVisibility();
        update();
    });
    connect(scene, &QGraphicsScene::sceneRectChanged, this, &MiniMap::refresh);
}

void MiniMap::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        refresh();
}

void MiniMap::refresh()
{
    const QRectF bounds = m_scene->contentRect();
    if (bounds.isEmpty()) {
        m_toMap = QTransform();
        m_thumbnail = QPixmap();
        updateVisibility();
        return;
    }
    // As wide as allowed and as tall as the graph's shape asks, up to most of the view's
    // height; a graph too tall for even the narrowest map is stretched across.
    const double maxHeight = std::max(80.0, m_main->viewport()->height() * 0.6);
    const double aspect = bounds.height() / bounds.width();
    double width = kMaxWidth, height = kMaxWidth * aspect;
    if (height > maxHeight) {
        height = maxHeight;
        width = std::max<double>(kMinWidth, height / aspect);
    }
    height = std::max(height, 40.0);
    setFixedSize(qRound(width) + 2 * kInset, qRound(height) + 2 * kInset);
    m_toMap = QTransform::fromTranslate(-bounds.left(), -bounds.top())
        * QTransform::fromScale(width / bounds.width(), height / bounds.height())
        * QTransform::fromTranslate(kInset, kInset);
    paintThumbnail();
    updateVisibility();
    update();
}

void MiniMap::setWanted(bool wanted)
{
    m_wanted = wanted;
    updateVisibility();
}

void MiniMap::updateVisibility()
{
    const QRectF shown = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    const QRectF bounds = m_scene->contentRect();
    setVisible(m_wanted && !bounds.isEmpty() && (m_dragging || !shown.contains(bounds)));
}

void MiniMap::paintThumbnail()
{
    const qreal ratio = devicePixelRatioF();
    m_thumbnail = QPixmap(size() * ratio);
    m_thumbnail.setDevicePixelRatio(ratio);
    m_thumbnail.fill(palette().color(QPalette::Base));
    QPainter painter(&m_thumbnail);
    const auto mapped = [&](const QRectF& r) {
        QRectF m = m_toMap.mapRect(r);
        // At least a pixel, so that nothing of a huge graph disappears.
        if (m.width() < 1)
            m.setWidth(1);
        if (m.height() < 1)
            m.setHeight(1);
        return m;
    };
    // Frames, outermost first, so that inner ones draw on top; names where they fit.
    QList<BoxItem*> frames, collapsed;
    for (BoxItem* box : m_scene->boxItems())
        (box->isExpanded() ? frames : collapsed).push_back(box);
    std::sort(frames.begin(), frames.end(), [](const BoxItem* a, const BoxItem* b) {
        return a->rect().width() * a->rect().height() > b->rect().width() * b->rect().height();
    });
    QColor frameFill = palette().color(QPalette::Text);
    frameFill.setAlpha(18);
    painter.setPen(QPen(palette().color(QPalette::Mid), 0));
    painter.setBrush(frameFill);
    for (const BoxItem* box : frames)
        painter.drawRect(mapped(box->rect()));
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Mid));
    for (const BoxItem* box : collapsed)
        painter.drawRect(mapped(box->rect()));
    for (const NodeItem* node : m_scene->nodeItems()) {
        painter.setBrush(
            node->look().colorIndex >= 0 ? setColor(node->look().colorIndex) : palette().color(QPalette::Dark));
        painter.drawRect(mapped(node->rect()));
    }
    // Names of the boxes big enough to carry one, without overlaps.
    QFont font = this->font();
    font.setPointSizeF(std::max(6.0, font.pointSizeF() * 0.75));
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    QVector<QRectF> labels;
    painter.setPen(palette().color(QPalette::Text));
    for (const BoxItem* box : frames + collapsed) {
        const QRectF area = mapped(box->rect());
        const QString& name = box->module(); // whole, or not at all: a cut name misleads
        const QRectF label(area.left() + 1, area.top(), metrics.horizontalAdvance(name), metrics.height());
        if (area.height() < metrics.height() + 2 || label.width() > area.width() - 2
            || std::any_of(labels.begin(), labels.end(), [&](const QRectF& r) { return r.intersects(label); }))
            continue;
        labels.push_back(label);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignTop, name);
    }
}

QRectF MiniMap::visibleArea() const
{
    QRectF area = m_toMap.mapRect(m_main->mapToScene(m_main->viewport()->rect()).boundingRect());
    if (area.height() < kMinVisible)
        area.adjust(0, -(kMinVisible - area.height()) / 2, 0, (kMinVisible - area.height()) / 2);
    if (area.width() < kMinVisible)
        area.adjust(-(kMinVisible - area.width()) / 2, 0, (kMinVisible - area.width()) / 2, 0);
    return area;
}

void MiniMap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (!m_thumbnail.isNull())
        painter.drawPixmap(0, 0, m_thumbnail);
    else
        painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setPen(QPen(palette().color(QPalette::Dark), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
    QColor color = palette().color(QPalette::Highlight);
    painter.setPen(QPen(color, 1.5));
    color.setAlpha(50);
    painter.setBrush(color);
    painter.drawRect(visibleArea().intersected(QRectF(rect()).adjusted(1, 1, -1, -1)));
}

void MiniMap::moveViewTo(const QPointF& mapPoint) { m_main->centerOn(toScene(mapPoint)); }

void MiniMap::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    // On the visible area: drag it from where it was taken. Elsewhere: jump there first.
    const QRectF area = visibleArea();
    m_grab = area.contains(event->position()) ? event->position() - area.center() : QPointF();
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
    moveViewTo(event->position() - m_grab);
}

void MiniMap::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging && (event->buttons() & Qt::LeftButton))
        moveViewTo(event->position() - m_grab);
}

void MiniMap::mouseReleaseEvent(QMouseEvent*)
{
    m_dragging = false;
    setCursor(Qt::OpenHandCursor);
}

} // namespace prunescope::ui
