package io.pilu.enrich.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells Chinese personal names from the words around them in participant and reception lists: job titles
 * (董事会秘书, 分析师 …), honorifics (先生, 女士 …) and short institution names.
 */
final class PersonNames {

    /**
     * Common Chinese surnames (the few hundred that cover nearly all of the population, single and compound).
     * Used only where a bare 2–4 character token could as well be an institution's short name.
     */
    private static final String SINGLE_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
            + "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛"
            + "樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁"
            + "冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
            + "柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南"
            + "班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初"
            + "门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利"
            + "於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

    private static final List<String> COMPOUND_SURNAMES = List.of(
            "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "百里", "南宫", "西门",
            "独孤", "澹台");

    /** Job titles, longest first so 副总经理 is taken whole rather than as 副 + 总经理. */
    static final List<String> TITLES;

    static {
        List<String> t = new ArrayList<>(List.of(
                "董事会秘书",
                "董秘",
                "董事长",
                "副董事长",
                "总经理",
                "副总经理",
                "总裁",
                "副总裁",
                "执行总裁",
                "首席执行官",
                "首席财务官",
                "首席技术官",
                "首席运营官",
                "首席投资官",
                "财务总监",
                "财务负责人",
                "总会计师",
                "证券事务代表",
                "证券代表",
                "证券事务专员",
                "证券事务经理",
                "证券部经理",
                "证券部部长",
                "证券事务部经理",
                "证券投资部经理",
                "投资者关系经理",
                "投资者关系总监",
                "投资者关系负责人",
                "投资者关系专员",
                "董事会办公室主任",
                "董办主任",
                "独立董事",
                "执行董事",
                "非执行董事",
                "职工董事",
                "董事",
                "监事会主席",
                "监事",
                "总工程师",
                "核心技术人员",
                "技术总监",
                "研发总监",
                "营销总监",
                "销售总监",
                "运营总监",
                "战略总监",
                "人力资源总监",
                "事业部总经理",
                "部长",
                "总监",
                "经理",
                "主任",
                "分析师",
                "首席分析师",
                "高级分析师",
                "行业分析师",
                "研究员",
                "高级研究员",
                "研究助理",
                "研究总监",
                "所长",
                "基金经理",
                "投资经理",
                "投资总监",
                "合伙人",
                "创始合伙人",
                "执行合伙人",
                "管理合伙人",
                "首席经济学家",
                "首席",
                "副所长",
                "投资助理",
                "助理",
                "副总",
                "CFO",
                "CEO",
                "CTO",
                "COO"));
        t.sort(Comparator.comparingInt(String::length).reversed());
        TITLES = List.copyOf(t);
    }

    private static final Pattern HONORIFIC = Pattern.compile("(?:先生|女士|小姐|老师|博士|教授|同志)$");
    private static final Pattern NAME =
            Pattern.compile("[\\u4E00-\\u9FFF]{2,4}|[\\u4E00-\\u9FFF]{1,6}·[\\u4E00-\\u9FFF]{1,8}");

    private PersonNames() {}

    /** {@code s} without a trailing honorific: 师健伟先生 → 师健伟. */
    static String stripHonorific(String s) {
        return HONORIFIC.matcher(s).replaceFirst("");
    }

    /** Shaped like a Chinese personal name: 2–4 Han characters, or two parts joined by · (minority names). */
    static boolean looksLikeName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    /** Shaped like a name and starting with a common surname: safe to read as a person without other context. */
    static boolean isLikelyName(String s) {
        if (!looksLikeName(s)) {
            return false;
        }
        for (String compound : COMPOUND_SURNAMES) {
            if (s.startsWith(compound) && s.length() >= 3) {
                return true;
            }
        }
        return SINGLE_SURNAMES.indexOf(s.charAt(0)) >= 0;
    }

    /** The title {@code s} starts with, or null. */
    static String leadingTitle(String s) {
        for (String title : TITLES) {
            if (s.startsWith(title)) {
                return title;
            }
        }
        return null;
    }

    /** The title {@code s} ends with, or null. */
    static String trailingTitle(String s) {
        for (String title : TITLES) {
            if (s.endsWith(title) && s.length() > title.length()) {
                return title;
            }
        }
        return null;
    }

    /** True when {@code s} is made only of titles and connectors (董事长兼总经理, 副总经理、董事会秘书). */
    static boolean isTitleOnly(String s) {
        String rest = s;
        while (!rest.isEmpty()) {
            if (rest.startsWith("兼") || rest.startsWith("、") || rest.startsWith("及")) {
                rest = rest.substring(1);
                continue;
            }
            String title = leadingTitle(rest);
            if (title == null) {
                return false;
            }
            rest = rest.substring(title.length());
        }
        return !s.isEmpty();
    }
}
