package dev.bulwark.config.internal.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

    private static Dockerfile parse(String text) throws DockerfileSyntaxException {
        return DockerfileParser.parse(text);
    }

    @Test
    void joinsContinuationLinesAndKeepsTheLineRange() throws Exception {
        Dockerfile dockerfile = parse("FROM alpine:3.20\nRUN apk add \\\n    curl \\\n    git\nUSER app\n");

        Instruction run = dockerfile.instructions().get(1);
        assertThat(run.keyword()).isEqualTo("RUN");
        assertThat(run.words()).containsExactly("apk", "add", "curl", "git");
        assertThat(run.startLine()).isEqualTo(2);
        assertThat(run.endLine()).isEqualTo(4);
        assertThat(dockerfile.instructions().get(2).startLine()).isEqualTo(5);
    }

    @Test
    void dropsCommentAndEmptyLinesInsideAContinuation() throws Exception {
        Dockerfile dockerfile = parse("RUN apt-get update \\\n# a comment\n\n  && apt-get install -y curl\n");

        Instruction run = dockerfile.instructions().getFirst();
        assertThat(run.rest()).isEqualTo("apt-get update   && apt-get install -y curl");
        assertThat(run.endLine()).isEqualTo(4);
        assertThat(dockerfile.comments()).extracting(Comment::text).containsExactly("a comment");
    }

    @Test
    void escapeDirectiveSwitchesTheContinuationCharacter() throws Exception {
        Dockerfile dockerfile = parse("# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  C:\\\\\nWORKDIR C:\\app\n");

        assertThat(dockerfile.escape()).isEqualTo('`');
        assertThat(dockerfile.directives()).containsEntry("escape", "`");
        assertThat(dockerfile.instructions()).extracting(Instruction::keyword)
                .containsExactly("FROM", "RUN", "WORKDIR");
        assertThat(dockerfile.instructions().get(1).endLine()).isEqualTo(4);
    }

    @Test
    void directivesAreOnlyReadAtTheTop() throws Exception {
        Dockerfile dockerfile = parse("# syntax=docker/dockerfile:1\n\n# escape=`\nFROM alpine\n");

        assertThat(dockerfile.directives()).containsOnlyKeys("syntax");
        assertThat(dockerfile.escape()).isEqualTo('\\');
        assertThat(dockerfile.comments()).extracting(Comment::text).containsExactly("escape=`");
    }

    @Test
    void readsHeredocsWithTabStrippingAndQuotedDelimiters() throws Exception {
        Dockerfile dockerfile = parse("FROM debian\nRUN <<-EOT bash\n\tapt-get update\n\tEOT\n"
                + "COPY <<\"A\" /a <<B /b\n$HOME\nA\nb\nB\nUSER app\n");

        Instruction run = dockerfile.instructions().get(1);
        assertThat(run.heredocs()).singleElement().satisfies(heredoc -> {
            assertThat(heredoc.name()).isEqualTo("EOT");
            assertThat(heredoc.content()).isEqualTo("apt-get update\n");
            assertThat(heredoc.expand()).isTrue();
        });
        assertThat(run.endLine()).isEqualTo(4);
        Instruction copy = dockerfile.instructions().get(2);
        assertThat(copy.heredocs()).extracting(Heredoc::name).containsExactly("A", "B");
        assertThat(copy.heredocs().getFirst().expand()).isFalse();
        assertThat(copy.heredocs().getFirst().content()).isEqualTo("$HOME\n");
        assertThat(dockerfile.instructions().get(3).startLine()).isEqualTo(10);
    }

    @Test
    void heredocScriptIsAnalysedAsShell() throws Exception {
        Dockerfile dockerfile = parse("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n");

        DockerfileContext context = new DockerfileContext(dockerfile, false);
        assertThat(context.runs().getFirst().script().commands())
                .extracting(c -> c.name() + " " + String.join(" ", c.args()))
                .containsExactly("apt-get update", "apt-get install -y curl");
    }

    @Test
    void unterminatedHeredocIsAProblemNotAnException() throws Exception {
        Dockerfile dockerfile = parse("FROM debian\nRUN <<EOF\napt-get update\n");

        assertThat(dockerfile.problems()).singleElement()
                .satisfies(p -> assertThat(p.getMessage()).contains("line 2").contains("unterminated heredoc"));
    }

    @Test
    void separatesJsonAndShellForms() throws Exception {
        Dockerfile dockerfile = parse("CMD [\"nginx\", \"-g\", \"daemon off;\"]\nENTRYPOINT run.sh --flag\n"
                + "CMD [not json]\n");

        assertThat(dockerfile.instructions().get(0).json()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(dockerfile.instructions().get(1).isJson()).isFalse();
        assertThat(dockerfile.instructions().get(2).isJson()).isFalse();
    }

    @Test
    void readsLeadingFlags() throws Exception {
        Dockerfile dockerfile = parse("FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n"
                + "COPY --from=build --chown=app:app /out /app\nRUN --mount=type=cache,target=/root/.cache go build\n");

        assertThat(dockerfile.instructions().get(0).flag("platform")).isEqualTo("$BUILDPLATFORM");
        assertThat(dockerfile.instructions().get(0).words()).containsExactly("golang:1.23", "AS", "build");
        assertThat(dockerfile.instructions().get(1).flag("from")).isEqualTo("build");
        assertThat(dockerfile.instructions().get(1).words()).containsExactly("/out", "/app");
        assertThat(dockerfile.instructions().get(2).flag("mount")).isEqualTo("type=cache,target=/root/.cache");
    }

    @Test
    void onbuildCarriesItsTrigger() throws Exception {
        Dockerfile dockerfile = parse("FROM node:20\nONBUILD RUN npm ci\nONBUILD COPY . /app\n");

        Instruction onbuild = dockerfile.instructions().get(1);
        assertThat(onbuild.inner().keyword()).isEqualTo("RUN");
        assertThat(onbuild.effective().words()).containsExactly("npm", "ci");
        DockerfileContext context = new DockerfileContext(dockerfile, false);
        assertThat(context.runs()).singleElement().satisfies(run -> assertThat(run.instruction()).isSameAs(onbuild));
    }

    @Test
    void splitsStagesWithAliases() throws Exception {
        Dockerfile dockerfile = parse("ARG V=3.20\nFROM alpine:${V} AS Build\nRUN make\nFROM scratch\n"
                + "COPY --from=build /out /\n");

        assertThat(dockerfile.preamble()).extracting(Instruction::keyword).containsExactly("ARG");
        List<Stage> stages = dockerfile.stages();
        assertThat(stages).extracting(Stage::alias).containsExactly("build", "");
        assertThat(stages.getFirst().instructions()).hasSize(1);
        DockerfileContext context = new DockerfileContext(dockerfile, false);
        assertThat(context.expandGlobal(stages.getFirst().image())).isEqualTo("alpine:3.20");
    }

    @Test
    void unknownInstructionIsReportedAndTheRestIsKept() throws Exception {
        Dockerfile dockerfile = parse("FROM alpine\nRUNN echo\nUSER app\n");

        assertThat(dockerfile.problems()).singleElement()
                .satisfies(p -> assertThat(p.getMessage()).isEqualTo("line 2: unknown instruction: RUNN"));
        assertThat(dockerfile.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "USER");
    }

    @Test
    void rejectsBinaryContent() {
        assertThatThrownBy(() -> parse("FROM alpine\n\0\0\0"))
                .isInstanceOf(DockerfileSyntaxException.class).hasMessageContaining("binary");
    }

    @Test
    void handlesCrlfLineEndingsAndByteOrderMark() throws Exception {
        Dockerfile dockerfile = parse("\uFEFFFROM alpine\r\nRUN echo a \\\r\n  b\r\n");

        assertThat(dockerfile.instructions()).extracting(Instruction::keyword).containsExactly("FROM", "RUN");
        assertThat(dockerfile.instructions().get(1).words()).containsExactly("echo", "a", "b");
    }

    @Test
    void legacyAndModernEnvForms() throws Exception {
        Dockerfile dockerfile = parse("ENV PATH /usr/local/bin:$PATH\nENV A=1 B=\"two words\" C=three\\ words\n");

        assertThat(EnvPairs.of(dockerfile.instructions().get(0))).containsExactly(
                java.util.Map.entry("PATH", "/usr/local/bin:$PATH"));
        assertThat(EnvPairs.of(dockerfile.instructions().get(1))).containsExactly(java.util.Map.entry("A", "1"),
                java.util.Map.entry("B", "two words"), java.util.Map.entry("C", "three words"));
    }
}
