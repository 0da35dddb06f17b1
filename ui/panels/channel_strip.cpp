// SPDX-License-Identifier: MIT
#include "panels/channel_strip.h"

#include <QEvent>
#include <QFrame>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace prunescope::ui {

namespace {

constexpr int kRowHeight = 16;
constexpr int kLabelWidth = 170;

} // namespace

// Paints rows of channel cells. The fix's row lays its cells out on the layers' width
// (`cellsWidth`), so that a column stays the same channel with the scroll bar shown.
class ChannelRows : public QWidget {
public:
    explicit ChannelRows(const QColor& keptColor, const QWidget* cellsWidth = nullptr)
        : m_keptColor(keptColor)
        , m_cellsWidth(cellsWidth)
    {
    }

    void setRows(const QVector<ChannelStrip::Row>* rows, QString placeholder)
    {
        m_rows = rows;
        m_placeholder = std::move(placeholder);
        setMinimumHeight(kRowHeight * static_cast<int>(std::max<qsizetype>(1, m_rows->size())) + 4);
        update();
    }

protected:
    void paintEvent(QPaintEvent* event) override
    {
        QPainter painter(this);
        const QPalette& p = palette();
        if (!m_rows || m_rows->isEmpty()) {
            painter.setPen(p.color(QPalette::PlaceholderText));
            painter.drawText(rect(), Qt::AlignCenter, m_placeholder);
            return;
        }
        const int width = m_cellsWidth ? m_cellsWidth->width() : this->width();
        // Only the rows in the exposed area: drawing and eliding thousands of labels took
        // tens of milliseconds a paint.
        const QRect exposed = event->rect();
        const auto count = static_cast<int>(m_rows->size());
        const int first = std::clamp((exposed.top() - 2) / kRowHeight, 0, count);
        const int last = std::clamp((exposed.bottom() - 2) / kRowHeight + 1, first, count);
        for (int i = first; i < last; ++i)
            drawRow(painter, 2 + i * kRowHeight, width, (*m_rows)[i]);
    }

private:
    void drawRow(QPainter& painter, int y, int width, const ChannelStrip::Row& row) const
    {
        const QPalette& p = palette();
        painter.setPen(p.color(QPalette::Text));
        painter.drawText(QRect(2, y, kLabelWidth - 6, kRowHeight), Qt::AlignVCenter | Qt::AlignLeft,
            painter.fontMetrics().elidedText(row.label, Qt::ElideLeft, kLabelWidth - 6));
        const int channels = row.channels > 0 ? row.channels : static_cast<int>(row.kept.size());
        if (channels == 0)
            return;
        const double cell = std::max(1.0, (width - kLabelWidth - 4.0) / channels);
        for (int c = 0; c < channels; ++c) {
            const bool kept = row.kept.isEmpty() || (c < row.kept.size() && row.kept[c]);
            const QRectF r(kLabelWidth + c * cell, y + 2, std::max(1.0, cell - (cell > 3 ? 1 : 0)), kRowHeight - 4);
            if (kept)
                painter.fillRect(r, m_keptColor);
            else if (cell > 3)
                painter.fillRect(r, p.color(QPalette::AlternateBase));
        }
    }

    QColor m_keptColor;
    const QWidget* m_cellsWidth;
    const QVector<ChannelStrip::Row>* m_rows = nullptr;
    QString m_placeholder;
};

ChannelStrip::ChannelStrip(QWidget* parent)
    : QWidget(parent)
    , m_area(new QScrollArea)
    , m_separator(new QFrame)
{
    m_layers = new ChannelRows(palette().color(QPalette::Highlight));
    m_outcome = new ChannelRows(QColor(0x00, 0x9E, 0x73), m_layers); // Okabe-Ito green: the outcome
    m_area->setWidget(m_layers);
    m_area->setWidgetResizable(true);
    m_area->setFrameShape(QFrame::NoFrame);
    m_area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_separator->setFrameShape(QFrame::HLine);
    m_separator->setFrameShadow(QFrame::Plain);
    m_separator->setForegroundRole(QPalette::Mid);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_area, 1);
    layout->addWidget(m_separator);
    layout->addWidget(m_outcome);
    layout->addStretch(0); // below a short set, so that the fix's row follows its rows
    setMinimumHeight(kRowHeight * 3);
    m_layers->installEventFilter(this);
    clear();
}

bool ChannelStrip::eventFilter(QObject* watched, QEvent* event)
{
    // The layers' width changes with the scroll bar: the fix's cells follow.
    if (watched == m_layers && event->type() == QEvent::Resize)
        m_outcome->update();
    return QWidget::eventFilter(watched, event);
}

QWidget* ChannelStrip::resultRow() const { return m_outcome; }

void ChannelStrip::setRows(QVector<Row> rows, Row result)
{
    m_rows = std::move(rows);
    m_result = std::move(result);
    m_layers->setRows(&m_rows, tr("Select a set to see its channels"));
    m_resultRows = m_rows.isEmpty() ? QVector<Row> {} : QVector<Row> { m_result };
    m_outcome->setRows(&m_resultRows, {});
    m_outcome->setFixedHeight(kRowHeight + 4);
    m_outcome->setVisible(!m_rows.isEmpty());
    m_separator->setVisible(!m_rows.isEmpty());
    // As tall as its rows (the rest of the room goes below the fix's row), or all the
    // room for the placeholder; it scrolls when the dock is shorter.
    m_area->setMaximumHeight(m_rows.isEmpty() ? QWIDGETSIZE_MAX : m_layers->minimumHeight());
}

void ChannelStrip::clear() { setRows({}, {}); }

} // namespace prunescope::ui
