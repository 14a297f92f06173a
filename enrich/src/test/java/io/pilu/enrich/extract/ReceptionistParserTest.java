package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity.Receptionist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceptionistParserTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "董事会秘书师健伟先生|师健伟|董事会秘书",
                "董事会秘书：张三|张三|董事会秘书",
                "董事会秘书 张三|张三|董事会秘书",
                "张三（董事会秘书）|张三|董事会秘书",
                "董事会秘书（张三女士）|张三|董事会秘书",
                "张三 董事长|张三|董事长",
                "公司董事长兼总经理欧阳华|欧阳华|董事长兼总经理",
                "证券事务代表李娜女士|李娜|证券事务代表",
                "财务负责人 王五|王五|财务负责人",
            })
    void onePerson(String text, String name, String title) {
        assertThat(ReceptionistParser.parse(text)).containsExactly(new Receptionist(name, title));
    }

    @Test
    void severalPeopleInOneLine() {
        assertThat(ReceptionistParser.parse("董事长张三、总经理李四、财务总监王五；证券事务代表：赵六"))
                .containsExactly(
                        new Receptionist("张三", "董事长"),
                        new Receptionist("李四", "总经理"),
                        new Receptionist("王五", "财务总监"),
                        new Receptionist("赵六", "证券事务代表"));
    }

    @Test
    void titleSharedAcrossAListSeparator() {
        assertThat(ReceptionistParser.parse("副总经理、董事会秘书王五")).containsExactly(new Receptionist("王五", "副总经理、董事会秘书"));
    }

    @Test
    void aNameWithoutTitleAndNoiseWithoutName() {
        assertThat(ReceptionistParser.parse("张三")).containsExactly(new Receptionist("张三", null));
        assertThat(ReceptionistParser.parse("公司管理层及相关部门负责人")).isEmpty();
        assertThat(ReceptionistParser.parse("")).isEmpty();
    }
}
