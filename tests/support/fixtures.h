// SPDX-License-Identifier: MIT
#pragma once
// Where the tests find their TorchScript fixtures (made by fixtures/make_fixtures.py)
// and the CLI, and small helpers to compare dependency sets.
#include "prunescope/dependency.h"

#include <QString>

#include <set>
#include <string>

namespace prunescope::test {

// Absolute path of a fixture; a missing fixture fails the test (QFAIL) rather than
// skipping it, since a skipped check proves nothing.
std::string fixture(const std::string& fileName);
QString cliPath();

using Partition = std::set<std::set<std::string>>;
Partition partition(const LayerSets& sets);
// Only the sets with more than one member, as NNI's own tests compare them.
Partition multiMemberSets(const LayerSets& sets);
QString describe(const Partition& partition);

} // namespace prunescope::test
