// SPDX-License-Identifier: MIT
#include "cli_run.h"

#include "fixtures.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>

namespace prunescope::test {

Run cli(const QStringList& args)
{
    QProcess process;
    process.start(cliPath(), args);
    process.waitForFinished(300000);
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
}

QJsonObject readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace prunescope::test
