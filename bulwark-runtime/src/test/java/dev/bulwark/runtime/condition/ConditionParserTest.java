package dev.bulwark.runtime.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionParserTest {

    @Test
    void andBindsTighterThanOr() {
        Expr e = ConditionParser.parse("evt.type=open and proc.name=cat or evt.type=execve");
        assertThat(e).isInstanceOf(Expr.Or.class);
        Expr.Or or = (Expr.Or) e;
        assertThat(or.children()).hasSize(2);
        assertThat(or.children().getFirst()).isInstanceOf(Expr.And.class);
    }

    @Test
    void reportsFalcosMessageAndColumnForTrailingGarbage() {
        assertThatThrownBy(() -> ConditionParser.parse("evt.type=execve foo"))
                .isInstanceOfSatisfying(ConditionException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("unexpected token after 'execve', expecting 'or', 'and'");
                    assertThat(e.pos().column()).isEqualTo(17);
                });
    }

    @Test
    void parsesListsQuotedValuesAndFieldArguments() {
        Expr e = ConditionParser.parse("proc.aname[2] in (sh, \"my shell\", 'x\\'y') and proc.env[HOME] exists");
        Expr.And and = (Expr.And) e;
        Expr.Compare in = (Expr.Compare) and.children().getFirst();
        assertThat(((FieldRef.Plain) in.field()).arg()).isEqualTo("2");
        assertThat(((Operand.ValueList) in.operand()).items()).extracting(Operand.Value::text)
                .containsExactly("sh", "my shell", "x'y");
        Expr.Compare exists = (Expr.Compare) and.children().get(1);
        assertThat(exists.op()).isEqualTo(Operator.EXISTS);
        assertThat(((FieldRef.Plain) exists.field()).arg()).isEqualTo("HOME");
    }

    @Test
    void parsesTransformersAndFieldComparisons() {
        Expr.Compare c = (Expr.Compare) ConditionParser.parse("tolower(proc.name) = val(proc.pname)");
        assertThat(c.field()).isInstanceOf(FieldRef.Transformed.class);
        assertThat(((FieldRef.Transformed) c.field()).transformer()).isEqualTo(FieldRef.Transformer.TOLOWER);
        assertThat(c.operand()).isInstanceOf(Operand.FieldValue.class);
    }

    @Test
    void bareIdentifierIsAMacroReferenceAndNotIsPrefix() {
        Expr e = ConditionParser.parse("not spawned_process and not(proc.name=cat)");
        Expr.And and = (Expr.And) e;
        assertThat(((Expr.Not) and.children().getFirst()).child()).isEqualTo(
                new Expr.MacroRef("spawned_process", SourcePos.of("not spawned_process", 4)));
        assertThat(((Expr.Not) and.children().get(1)).child()).isInstanceOf(Expr.Compare.class);
    }

    @Test
    void numericOperatorsNeedNumbers() {
        assertThatThrownBy(() -> ConditionParser.parse("fd.num >= abc"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("number");
        Expr.Compare c = (Expr.Compare) ConditionParser.parse("fd.num>=0x10");
        assertThat(((Operand.Value) c.operand()).text()).isEqualTo("0x10");
    }

    @Test
    void rejectsUnbalancedParentheses() {
        assertThatThrownBy(() -> ConditionParser.parse("(evt.type=open"))
                .isInstanceOf(ConditionException.class).hasMessageContaining("')'");
    }

    @Test
    void deepNestingIsBounded() {
        String deep = "(".repeat(500) + "evt.type=open" + ")".repeat(500);
        assertThatThrownBy(() -> ConditionParser.parse(deep))
                .isInstanceOf(ConditionException.class).hasMessageContaining("depth");
    }

    @Test
    void eventTypesFollowAndOrNot() {
        assertThat(EventTypes.of(ConditionParser.parse("evt.type in (open, openat) and proc.name=cat")).names())
                .containsExactlyInAnyOrder("open", "openat");
        EventTypes.TypeSet notOpen = EventTypes.of(ConditionParser.parse("not evt.type=open"));
        assertThat(notOpen.contains("open")).isFalse();
        assertThat(notOpen.contains("execve")).isTrue();
        assertThat(EventTypes.of(ConditionParser.parse("not (evt.type=open and proc.name=cat)")).isAll()).isTrue();
        assertThat(EventTypes.of(ConditionParser.parse("evt.type=open or evt.type=execve")).names())
                .containsExactlyInAnyOrder("open", "execve");
        assertThat(EventTypes.of(ConditionParser.parse("proc.name=foo")).isAll()).isTrue();
        assertThat(List.of(EventTypes.of(ConditionParser.parse("evt.type!=open and evt.type=execve")).names()))
                .containsExactly(java.util.Set.of("execve"));
    }
}
