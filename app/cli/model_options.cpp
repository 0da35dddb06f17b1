// SPDX-License-Identifier: MIT
#include "model_options.h"

#include <CLI/CLI.hpp>

namespace prunescope::cli {

void ModelOptions::addTo(CLI::App& command)
{
    command
        .add_option("MODEL", model,
            "TorchScript file (.pt) written by torch.jit.trace(...).save() or torch.jit.script(...).save()")
        ->required();
    command.add_option("--input,-i", input,
        "Example input shape(s): 1,3,224,224; several inputs separated by ';'; a dtype prefix for non-float inputs, "
        "e.g. \"1,3,224,224;int64:1,128\" (default 1,3,224,224)");
    command
        .add_option(
            "--shape-mode", shapeMode, "How shapes are recorded: auto (meta tensors, real ones if needed), meta, real")
        ->check(CLI::IsMember({ "auto", "meta", "real" }))
        ->capture_default_str();
}

LoadOptions ModelOptions::loadOptions() const
{
    LoadOptions options;
    if (!input.empty())
        options.inputs = parseInputSpecs(input);
    options.shape_mode = shapeMode == "meta" ? ShapeMode::Meta
        : shapeMode == "real"                ? ShapeMode::Real
                                             : ShapeMode::Auto;
    return options;
}

Model ModelOptions::open() const { return Model::load(model, loadOptions()); }

} // namespace prunescope::cli
