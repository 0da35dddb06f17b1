// SPDX-License-Identifier: MIT
#pragma once
// `prunescope-cli` run as a user runs it, for the CLI tests: one process, its exit code and
// what it printed.
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace prunescope::test {

struct Run {
    int code = -1; // -1: the process crashed or did not finish within 300 s
    QString out;
    QString err;
};

Run cli(const QStringList& args);

// The JSON object in `path`; empty when the file is missing or not a JSON object.
QJsonObject readJson(const QString& path);

} // namespace prunescope::test
