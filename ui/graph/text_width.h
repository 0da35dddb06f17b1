// SPDX-License-Identifier: MIT
#pragma once
// The width of a line of text in a font, fast for the ASCII names models are made of:
// each character's advance is measured once, kerning aside (items elide what does not
// fit, so a pixel of difference is harmless). Measuring ten thousand node labels with
// QFontMetricsF took a good part of a big model's first view. Safe off the GUI thread.
#include <QFont>
#include <QFontMetricsF>
#include <QString>

namespace prunescope::ui {

class TextWidth {
public:
    explicit TextWidth(const QFont& font)
        : m_metrics(font)
    {
        for (int c = 0; c < 128; ++c)
            m_advance[c] = m_metrics.horizontalAdvance(QChar(c));
    }
    double operator()(const QString& text) const
    {
        double width = 0;
        for (const QChar c : text) {
            if (c.unicode() >= 128)
                return m_metrics.horizontalAdvance(text);
            width += m_advance[c.unicode()];
        }
        return width;
    }
    double height() const { return m_metrics.height(); }

private:
    QFontMetricsF m_metrics;
    double m_advance[128];
};

} // namespace prunescope::ui
