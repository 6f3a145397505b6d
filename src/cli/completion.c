/*
 * completion.c - bash, zsh, fish and PowerShell completion from the option
 * table.
 *
 * Each script offers every option, the words an option accepts (formats,
 * encodings, rule ids, CSV columns), file names where a path goes, and file
 * names for the operands.  Help texts become one-line descriptions, cut at
 * the first clause, with every character the target shell would read as
 * syntax left out, so that no help text can break a script.
 */
#include "completion.h"

#include <stdbool.h>
#include <string.h>

#include "options.h"

/* A description: the help up to its first ";" (what follows is detail),
 * without parenthesised asides, ":" as " -", cut at a word near 70 bytes,
 * in characters no shell quoting reads as syntax (letters, digits, space
 * and plain punctuation). */
static void describe(const char *help, char *buf, size_t size) {
  size_t n = 0, cut = 0;
  int depth = 0;
  if (size > 72)
    size = 72;
  for (const char *s = help; *s && *s != ';' && n + 3 < size; s++) {
    char c = *s;
    if (c == '(' || c == ')') {
      depth += c == '(' ? 1 : depth ? -1 : 0;
      continue;
    }
    if (depth)
      continue;
    while ((c == ':' || c == ',') && n && buf[n - 1] == ' ')
      n--; /* "text (default): ..." without the aside's space */
    if (c == ':') {
      buf[n++] = ' ';
      buf[n++] = '-';
      c = ' ';
    }
    if (c == ' ' && n && buf[n - 1] == ' ')
      continue;
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                 (c >= '0' && c <= '9') || strchr(" ,.-+/=_*?", c);
    if (!plain)
      continue;
    if (c == ' ')
      cut = n;
    buf[n++] = c;
  }
  if (n + 3 >= size && cut) /* cut short: end at a word */
    n = cut;
  while (n && strchr(" ,-", buf[n - 1]))
    n--;
  buf[n] = '\0';
}

/* The option's values separated by spaces, as one word list. */
static void values(FILE *out, size_t i, const char *sep) {
  const char *v;
  for (size_t k = 0; (v = cli_option_value(i, k)) != NULL; k++)
    fprintf(out, "%s%s", k ? sep : "", v);
}

static bool has_values(size_t i) { return cli_option_value(i, 0) != NULL; }

static void bash(FILE *out) {
  cli_option_view v;
  fputs("# bash completion for dsregdiag (dsregdiag --completion bash)\n"
        "_dsregdiag() {\n"
        "  local cur=${COMP_WORDS[COMP_CWORD]} opt=${COMP_WORDS[COMP_CWORD-1]}"
        "\n"
        "  local attached=0\n"
        "  # --format=js: bash splits at the '=' of COMP_WORDBREAKS.\n"
        "  if [[ $cur == = ]]; then\n"
        "    cur='' attached=1\n"
        "  elif [[ $opt == = && $COMP_CWORD -ge 2 ]]; then\n"
        "    opt=${COMP_WORDS[COMP_CWORD-2]} attached=1\n"
        "  fi\n"
        "  case $opt in\n",
        out);
  for (size_t i = 0; i < cli_option_count(); i++) {
    cli_option_at(i, &v);
    if (!v.takes_arg)
      continue;
    if (v.short_name)
      fprintf(out, "  -%c | --%s)\n", v.short_name, v.name);
    else
      fprintf(out, "  --%s)\n", v.name);
    if (v.arg_optional)
      fputs("    if [[ $attached == 1 ]]; then\n  ", out);
    if (has_values(i)) {
      fputs("    mapfile -t COMPREPLY < <(compgen -W '", out);
      values(out, i, " ");
      fputs("' -- \"$cur\")\n", out);
    } else if (v.file_arg) {
      fputs("    mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n", out);
    } else {
      fputs("    COMPREPLY=()\n", out);
    }
    if (v.arg_optional)
      fputs("      return\n    fi\n    ;;\n", out);
    else
      fputs("    return\n    ;;\n", out);
  }
  fputs("  esac\n"
        "  if [[ $cur == -* ]]; then\n"
        "    mapfile -t COMPREPLY < <(compgen -W '",
        out);
  for (size_t i = 0; i < cli_option_count(); i++) {
    cli_option_at(i, &v);
    if (v.short_name)
      fprintf(out, "-%c ", v.short_name);
    fprintf(out, "--%s%s", v.name, i + 1 < cli_option_count() ? " " : "");
  }
  fputs("' -- \"$cur\")\n"
        "    return\n"
        "  fi\n"
        "  mapfile -t COMPREPLY < <(compgen -f -- \"$cur\")\n"
        "}\n"
        "complete -o filenames -F _dsregdiag dsregdiag\n",
        out);
}

static void zsh(FILE *out) {
  cli_option_view v;
  char desc[80];
  fputs("#compdef dsregdiag\n"
        "# zsh completion for dsregdiag (dsregdiag --completion zsh)\n"
        "_arguments -s -S \\\n",
        out);
  for (size_t i = 0; i < cli_option_count(); i++) {
    cli_option_at(i, &v);
    describe(v.help, desc, sizeof desc);
    /* -f+ and --format= take the value attached or as the next word;
     * --color=- only attached. */
    const char *long_suffix = !v.takes_arg ? "" : v.arg_optional ? "=-" : "=";
    if (v.short_name)
      fprintf(out, "  '(-%c --%s)'{-%c%s,--%s%s}'[%s]", v.short_name, v.name,
              v.short_name, v.takes_arg ? "+" : "", v.name, long_suffix, desc);
    else
      fprintf(out, "  '--%s%s[%s]", v.name, long_suffix, desc);
    if (v.takes_arg) {
      fprintf(out, ":%s:", v.metavar ? v.metavar : "value");
      if (has_values(i)) {
        fputc('(', out);
        values(out, i, " ");
        fputc(')', out);
      } else if (v.file_arg) {
        fputs("_files", out);
      } else {
        fputs(" ", out);
      }
    }
    fputs("' \\\n", out);
  }
  fputs("  '*:capture file or folder:_files'\n", out);
}

static void fish(FILE *out) {
  cli_option_view v;
  char desc[80];
  fputs("# fish completion for dsregdiag (dsregdiag --completion fish)\n"
        "complete -c dsregdiag -F\n",
        out);
  for (size_t i = 0; i < cli_option_count(); i++) {
    cli_option_at(i, &v);
    describe(v.help, desc, sizeof desc);
    fprintf(out, "complete -c dsregdiag -l %s", v.name);
    if (v.short_name)
      fprintf(out, " -s %c", v.short_name);
    if (v.takes_arg && !v.arg_optional)
      fputs(v.file_arg ? " -r -F" : " -x", out);
    if (has_values(i)) {
      fputs(" -a '", out);
      values(out, i, " ");
      fputc('\'', out);
    }
    fprintf(out, " -d '%s'\n", desc);
  }
}

static void powershell(FILE *out) {
  cli_option_view v;
  char desc[80];
  fputs("# PowerShell completion for dsregdiag (dsregdiag --completion "
        "powershell)\n"
        "Register-ArgumentCompleter -Native -CommandName 'dsregdiag', "
        "'dsregdiag.exe' -ScriptBlock {\n"
        "    param($wordToComplete, $commandAst, $cursorPosition)\n"
        "    $options = @(\n",
        out);
  for (size_t i = 0; i < cli_option_count(); i++) {
    cli_option_at(i, &v);
    describe(v.help, desc, sizeof desc);
    fprintf(out, "        @{ Name = '--%s'; Short = '", v.name);
    if (v.short_name)
      fprintf(out, "-%c", v.short_name);
    fprintf(out, "'; Help = '%s'; File = $%s; Values = @(", desc,
            v.file_arg ? "true" : "false");
    const char *w;
    for (size_t k = 0; (w = cli_option_value(i, k)) != NULL; k++)
      fprintf(out, "%s'%s'", k ? ", " : "", w);
    fputs(") }\n", out);
  }
  fputs("    )\n"
        "    $words = @($commandAst.CommandElements | ForEach-Object { "
        "$_.ToString() })\n"
        "    $prev = if ($wordToComplete) { $words[-2] } else { $words[-1] "
        "}\n"
        "    foreach ($o in $options) {\n"
        "        if (($prev -eq $o.Name -or ($o.Short -and $prev -eq "
        "$o.Short)) -and $o.Values.Count) {\n"
        "            $o.Values | Where-Object { $_ -like "
        "\"$wordToComplete*\" } | ForEach-Object {\n"
        "                [System.Management.Automation.CompletionResult]::new("
        "$_, $_, 'ParameterValue', $_)\n"
        "            }\n"
        "            return\n"
        "        }\n"
        "    }\n"
        "    if ($wordToComplete -like '-*') {\n"
        "        $options | Where-Object { $_.Name -like \"$wordToComplete*\" "
        "} | ForEach-Object {\n"
        "            [System.Management.Automation.CompletionResult]::new("
        "$_.Name, $_.Name, 'ParameterName', $_.Help)\n"
        "        }\n"
        "    }\n"
        "}\n",
        out);
}

int cli_completion(FILE *out, const char *shell) {
  if (strcmp(shell, "bash") == 0)
    bash(out);
  else if (strcmp(shell, "zsh") == 0)
    zsh(out);
  else if (strcmp(shell, "fish") == 0)
    fish(out);
  else if (strcmp(shell, "powershell") == 0)
    powershell(out);
  else
    return -1;
  return 0;
}
