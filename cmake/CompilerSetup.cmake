# SPDX-License-Identifier: MIT
# ccache, with the sloppiness precompiled headers need to be cacheable.
find_program(PRUNESCOPE_CCACHE ccache)
if(PRUNESCOPE_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER
        ${CMAKE_COMMAND} -E env CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
        ${PRUNESCOPE_CCACHE})
endif()

# Warnings for our own targets; third-party headers come in as system headers.
function(prunescope_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor)
    if(PRUNESCOPE_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
