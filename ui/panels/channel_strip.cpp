// SPDX-License-Identifier: MIT
#include "panels/channel_strip.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>

namespace prunescope::ui {

namespace {

constexpr int kRowHeight = 16;
constexpr int kLabelWidth = 170;

} // namespace

ChannelStrip::ChannelStrip(QWidget* parent)
    : QWidget(parent)
{
    setMinimumHeight(kRowHeight * 2);
}

void ChannelStrip::setRows(QVector<Row> rows, Row result)
{
    m_rows = std::move(rows);
    m_result = std::move(result);
    updateGeometry();
    update();
}

void ChannelStrip::clear() { setRows({}, {}); }

QSize ChannelStrip::sizeHint() const { return QSize(400, kRowHeight * (m_rows.size() + 2) + 4); }

void ChannelStrip::paintEvent(QPaintEvent* event)
{
    QPainter painter(this);
    const QPalette& p = palette();
    if (m_rows.isEmpty()) {
        painter.setPen(p.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("Select a set to see its channels"));
        return;
    }
    auto drawRow = [&](int y, const Row& row, const QColor& keptColor) {
        painter.setPen(p.color(QPalette::Text));
        painter.drawText(QRect(2, y, kLabelWidth - 6, kRowHeight), Qt::AlignVCenter | Qt::AlignLeft,
            painter.fontMetrics().elidedText(row.label, Qt::ElideLeft, kLabelWidth - 6));
        const int channels = row.channels > 0 ? row.channels : static_cast<int>(row.kept.size());
        if (channels == 0)
            return;
        const double cell = std::max(1.0, (width() - kLabelWidth - 4.0) / channels);
        for (int c = 0; c < channels; ++c) {
            const bool kept = row.kept.isEmpty() || (c < row.kept.size() && row.kept[c]);
            const QRectF r(kLabelWidth + c * cell, y + 2, std::max(1.0, cell - (cell > 3 ? 1 : 0)), kRowHeight - 4);
            if (kept)
                painter.fillRect(r, keptColor);
            else if (cell > 3)
                painter.fillRect(r, p.color(QPalette::AlternateBase));
        }
    };
    // Only the rows in the exposed area: a set of a residual net at scale has thousands,
    // and eliding and drawing each label took tens of milliseconds a paint.
    const QRect exposed = event->rect();
    const auto count = static_cast<int>(m_rows.size());
    const int first = std::clamp((exposed.top() - 2) / kRowHeight, 0, count);
    const int last = std::clamp((exposed.bottom() - 2) / kRowHeight + 1, first, count);
    for (int i = first; i < last; ++i)
        drawRow(2 + i * kRowHeight, m_rows[i], p.color(QPalette::Highlight));
    const int y = 2 + count * kRowHeight;
    painter.setPen(p.color(QPalette::Mid));
    painter.drawLine(0, y + 1, width(), y + 1);
    drawRow(y + 3, m_result, QColor(0x00, 0x9E, 0x73)); // Okabe-Ito green: the outcome
}

} // namespace prunescope::ui
