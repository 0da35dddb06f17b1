// SPDX-License-Identifier: MIT
#include "fixtures.h"

#include <QFileInfo>
#include <QStringList>
#include <QTest>

namespace prunescope::test {

std::string fixture(const std::string& fileName)
{
    const QString path = QString(PRUNESCOPE_FIXTURE_DIR) + "/" + QString::fromStdString(fileName);
    if (!QFileInfo::exists(path))
        qFatal("fixture %s is missing: run tests/fixtures/make_fixtures.py (ctest runs it as generate_fixtures)",
            qPrintable(path));
    return path.toStdString();
}

QString cliPath() { return QString(PRUNESCOPE_CLI); }

Partition partition(const LayerSets& sets)
{
    Partition p;
    for (const auto& s : sets)
        p.insert(std::set<std::string>(s.begin(), s.end()));
    return p;
}

Partition multiMemberSets(const LayerSets& sets)
{
    Partition p;
    for (const auto& s : sets)
        if (s.size() > 1)
            p.insert(std::set<std::string>(s.begin(), s.end()));
    return p;
}

QString describe(const Partition& partition)
{
    QStringList sets;
    for (const auto& s : partition) {
        QStringList members;
        for (const auto& m : s)
            members << QString::fromStdString(m);
        sets << "{" + members.join(", ") + "}";
    }
    return sets.join(" ");
}

} // namespace prunescope::test
