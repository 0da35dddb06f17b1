// Where the strict groups and NNI v2.9's sets disagree, and why.
#include "prunescope/pruning_groups.h"

namespace prunescope {

std::vector<RulesDifference> rulesDifferences(const OpGraph&, const StrictGroups&, const ChannelDependencyResult&)
{
    return {};
}

} // namespace prunescope
