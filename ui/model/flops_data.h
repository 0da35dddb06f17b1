#pragma once
// The engine's FLOPs results ("flops" object of a report, or a "flops" reply) as rows.
#include "model/report.h"

namespace prunescope::ui {

struct FlopsRow {
    int node = -1;
    QString name;
    QString type;
    ShapeVector weightShape, inputShape, outputShape;
    qint64 flops = 0;
    qint64 params = 0;
    int call = 1;
    qint64 maskedFlops = 0;
    qint64 effectiveFlops = 0;
    qint64 effectiveParams = 0;
};

struct FlopsData {
    QString mode; // default, full, extended
    QVector<FlopsRow> rows;
    qint64 total = 0;
    qint64 params = 0;
    qint64 modelParams = 0;
    bool masked = false;
    qint64 maskedTotal = 0;
    qint64 effectiveTotal = 0;
    qint64 effectiveParams = 0;
    QStringList uncounted;
    bool multiUse = false;

    static FlopsData fromJson(const QJsonObject& flops);
};

} // namespace prunescope::ui
