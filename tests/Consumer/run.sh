#!/usr/bin/env bash
# The consumer test: the packed packages used from the outside, as a stranger would use them.
#   bash tests/Consumer/run.sh PACKAGE_FOLDER
# Copies the projects beside this script into a temporary folder (outside the repository, so none of its build
# settings apply), points NuGet at PACKAGE_FOLDER for the RmsProp packages and at the configured sources for the
# rest, and checks:
#   - Mistakes (one RMSProp mistake per file): the build reports each rule as a warning in its own file;
#     WarningsAsErrors=RMSP001 fails the build; .editorconfig severity = none silences RMSP002;
#     dotnet format analyzers applies every rule's fix, and the fixed project builds with no RMSP diagnostic;
#   - FixedRunner then runs each fixed step five steps on sample arrays and compares with the textbook rule;
#   - CSharpConsole and FSharpConsole run a few steps through RmsProp.Functional and RmsProp.FSharp;
#   - LawsTests runs the laws through RmsProp.Laws on the library's own step (xunit);
#   - the rmsprop-analyze tool installs from the folder and finds the six mistakes in the project and in its folder.
#   - every package has a readme, the MIT expression, the repository, tags and a .snupkg; the analyzer package holds
#     only analyzers/dotnet/cs, with no dependencies, as a development dependency.
# Prints what it saw per rule; exits 1 when any check fails.
set -uo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 PACKAGE_FOLDER" >&2
  exit 2
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
feed=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

functional=$(ls "$feed"/RmsProp.Functional.*.nupkg 2>/dev/null | head -n 1)
if [ -z "$functional" ]; then
  echo "no RmsProp.Functional package in $feed" >&2
  exit 1
fi
version=$(basename "$functional" .nupkg)
version=${version#RmsProp.Functional.}

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
section() { echo "== consumer: $* (at ${SECONDS}s)"; }
ok() { echo "ok:   $*"; }

cp -r "$here"/Mistakes "$here"/CSharpConsole "$here"/FSharpConsole "$here"/LawsTests "$here"/FixedRunner "$here"/Consumer.slnx "$work"/
cat > "$work"/Directory.Build.props <<PROPS
<Project>
  <PropertyGroup>
    <RmsPropVersion>$version</RmsPropVersion>
  </PropertyGroup>
</Project>
PROPS

# NuGet: the RmsProp packages come from the packed folder only; everything else from the sources this machine has.
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration>'
  echo '  <packageSources>'
  echo '    <clear />'
  echo "    <add key=\"packed\" value=\"$feed\" />"
  n=0
  while read -r state url; do
    if [ "$state" = "E" ]; then n=$((n + 1)); echo "    <add key=\"configured$n\" value=\"$url\" />"; fi
  done < <(cd "$here" && dotnet nuget list source --format short)
  echo '  </packageSources>'
  echo '  <packageSourceMapping>'
  echo '    <packageSource key="packed">'
  echo '      <package pattern="RmsProp.*" />'
  echo '      <package pattern="rmsprop-analyze" />'
  echo '    </packageSource>'
  for i in $(seq 1 "$n"); do
    echo "    <packageSource key=\"configured$i\"><package pattern=\"*\" /></packageSource>"
  done
  echo '  </packageSourceMapping>'
  echo '</configuration>'
} > "$work"/nuget.config
# A package folder of its own, so a package of the same version left by an earlier run is never used.
export NUGET_PACKAGES="$work/.packages"

cd "$work"
rules=(RMSP001 RMSP002 RMSP003 RMSP004 RMSP005 RMSP006)
declare -A seen_build seen_strict seen_fix

# The RMSP diagnostics of a build log as "file id kind" lines (MSBuild repeats them in its summary: sort -u).
diagnostics() { grep -oE '[A-Za-z0-9_]+\.cs\([0-9]+,[0-9]+\): (warning|error) RMSP[0-9]+' "$1" | sed -E 's/\(([0-9]+),([0-9]+)\): (warning|error) / \1,\2 \3 /' | sort -u; }
file_of() { ls Mistakes/Rmsp"${1#RMSP}"*.cs; }

section "packages $version from $feed"
if ! dotnet restore Consumer.slnx > restore.log 2>&1; then
  cat restore.log; fail "restore"; exit 1
fi

section "package contents"
for id in RmsProp.Functional RmsProp.FSharp RmsProp.Laws RmsProp.Analyzers rmsprop-analyze; do
  package="$feed/$id.$version.nupkg"
  if [ ! -f "$package" ]; then fail "$id: no package $id.$version.nupkg"; continue; fi
  [ -f "$feed/$id.$version.snupkg" ] || fail "$id: no symbol package"
  files=$(unzip -Z1 "$package")
  nuspec=$(unzip -p "$package" "$id.nuspec")
  grep -qx 'README.md' <<<"$files" || fail "$id: no README.md"
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: no MIT license expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: the nuspec names no readme"
  grep -q '<repository type="git" url="https://' <<<"$nuspec" || fail "$id: no repository URL"
  grep -q '<tags>' <<<"$nuspec" || fail "$id: no tags"
  echo "ok:   $id $version: $(wc -l <<<"$files") files, $(stat -c %s "$package") bytes, readme, MIT, repository, tags, .snupkg"
done
analyzer=$(unzip -Z1 "$feed/RmsProp.Analyzers.$version.nupkg")
analyzer_nuspec=$(unzip -p "$feed/RmsProp.Analyzers.$version.nupkg" RmsProp.Analyzers.nuspec)
if grep -qx 'analyzers/dotnet/cs/RmsProp.Analyzers.dll' <<<"$analyzer" && ! grep -q '^lib/' <<<"$analyzer" \
  && grep -q '<developmentDependency>true</developmentDependency>' <<<"$analyzer_nuspec" && ! grep -q '<dependency ' <<<"$analyzer_nuspec"; then
  ok "RmsProp.Analyzers: analyzers/dotnet/cs only, no lib/, no dependencies, a development dependency"
else
  fail "RmsProp.Analyzers: expected analyzers/dotnet/cs/RmsProp.Analyzers.dll, no lib/, developmentDependency and no dependencies"
fi

section "build"
dotnet build Consumer.slnx --no-restore -c Release > build.log 2>&1 || { cat build.log; fail "the consumer projects do not build"; }
diagnostics build.log > build.diagnostics
for rule in "${rules[@]}"; do
  file=$(basename "$(file_of "$rule")")
  in_file=$(awk -v f="$file" '$1 == f { print $4 }' build.diagnostics | sort -u | tr '\n' ' ')
  at=$(awk -v f="$file" -v r="$rule" '$1 == f && $4 == r && $3 == "warning" { print $2 }' build.diagnostics | tr '\n' ' ')
  seen_build[$rule]="warning at ${at:-nowhere}"
  if [ -n "$at" ] && [ "$in_file" = "$rule " ]; then ok "$rule reported as a warning in $file ($at)"; else fail "$rule: $file shows [${in_file}], expected exactly $rule as a warning"; fi
done

section "C# console"
if dotnet run --project CSharpConsole --no-build -c Release; then ok "C# console"; else fail "C# console"; fi
section "F# console"
if dotnet run --project FSharpConsole --no-build -c Release; then ok "F# console"; else fail "F# console"; fi

section "laws through RmsProp.Laws (xunit)"
if dotnet test LawsTests --no-build -c Release > laws.log 2>&1; then
  ok "laws: $(grep -E 'Passed!|Failed!' laws.log | sed 's/ - LawsTests.*//')"
else
  cat laws.log; fail "laws"
fi

section "rmsprop-analyze as a dotnet tool, on the project (MSBuild) and on its folder (loose files)"
if dotnet tool install rmsprop-analyze --tool-path tool --version "$version" --configfile nuget.config > tool.log 2>&1; then
  for target in Mistakes/Mistakes.csproj Mistakes; do
    tool/rmsprop-analyze "$target" > analyze.log 2>&1
    status=$?
    found=$(grep -oE 'warning RMSP[0-9]+' analyze.log | sort -u | sed 's/warning //' | tr '\n' ' ')
    if [ "$status" -eq 1 ] && [ "$found" = "${rules[*]} " ]; then
      ok "rmsprop-analyze $target: exit 1, found ${found}"
    else
      cat analyze.log; fail "rmsprop-analyze $target: exit $status, found [${found}]"
    fi
  done
else
  cat tool.log; fail "dotnet tool install rmsprop-analyze"
fi

section "WarningsAsErrors=RMSP001 and .editorconfig RMSP002 = none"
printf '[*.cs]\ndotnet_diagnostic.RMSP002.severity = none\n' > Mistakes/.editorconfig
if dotnet build Mistakes --no-restore -c Release -p:PromoteRmsp001=true > strict.log 2>&1; then
  fail "the build passed with RMSP001 as an error"
else
  ok "the build fails with RMSP001 as an error"
fi
diagnostics strict.log > strict.diagnostics
for rule in "${rules[@]}"; do
  file=$(basename "$(file_of "$rule")")
  kind=$(awk -v f="$file" -v r="$rule" '$1 == f && $4 == r { print $3 }' strict.diagnostics | sort -u | tr '\n' ' ')
  seen_strict[$rule]=${kind:-none}
  case $rule in
    RMSP001) expected="error " ;;
    RMSP002) expected="" ;;
    *) expected="warning " ;;
  esac
  if [ "$kind" = "$expected" ]; then ok "$rule is ${kind:-silent }under these settings"; else fail "$rule: [${kind}], expected [${expected}]"; fi
done
rm Mistakes/.editorconfig

section "dotnet format analyzers --diagnostics ${rules[*]}"
if dotnet format analyzers Mistakes/Mistakes.csproj --no-restore --severity info --diagnostics "${rules[@]}" > format.log 2>&1; then
  ok "dotnet format ran"
else
  cat format.log; fail "dotnet format analyzers"
fi
dotnet build Mistakes --no-restore -c Release > fixed.log 2>&1 || { grep -E 'error' fixed.log | sort -u; fail "the fixed project does not build"; }
diagnostics fixed.log > fixed.diagnostics
for rule in "${rules[@]}"; do
  file=$(file_of "$rule")
  changes=$(diff "$here/$file" "$file" | grep -c '^[<>]')
  left=$(awk -v f="$(basename "$file")" '$1 == f { print $4 }' fixed.diagnostics | sort -u | tr '\n' ' ')
  seen_fix[$rule]="$changes lines changed, left: ${left:-nothing}"
  if [ "$changes" -gt 0 ] && [ -z "$left" ]; then
    ok "$rule fixed ($changes lines changed), no RMSP diagnostic left in $(basename "$file")"
    diff "$here/$file" "$file" | grep '^[<>]' | sed 's/^/        /'
  else
    fail "$rule: $changes lines changed by the fix, still reported: [${left}]"
  fi
done
if grep -qE 'error CS[0-9]+' fixed.log; then fail "the fixed code has compiler errors"; fi

section "the fixed code runs"
if dotnet run --project FixedRunner --no-restore -c Release > fixedrun.log 2>&1; then
  sed 's/^/        /' fixedrun.log
  ok "every fixed step ran five steps and ended where the textbook rule ends"
else
  cat fixedrun.log; fail "a fixed step threw, produced a NaN or an infinity, or left the textbook trajectory"
fi

section "per rule"
printf '%-8s | %-28s | %-22s | %s\n' rule build "RMSP001 error, 002 none" "dotnet format"
for rule in "${rules[@]}"; do
  printf '%-8s | %-28s | %-22s | %s\n' "$rule" "${seen_build[$rule]}" "${seen_strict[$rule]}" "${seen_fix[$rule]}"
done

if [ "$failures" -gt 0 ]; then
  echo "consumer test: $failures checks failed"
  exit 1
fi
echo "consumer test: every check passed"
