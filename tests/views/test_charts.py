"""Charts: they draw, they carry a caption in words, and they use the colour-blind-safe palette."""

from __future__ import annotations

from trust_workshop import content
from trust_workshop.model.progress import PulsePoint
from trust_workshop.views import charts


def test_radar_draws_and_the_caption_names_every_scored_stage() -> None:
    scores = {key: 10 * n for n, key in enumerate(content.stage_keys())}
    baseline = {key: 50 for key in content.stage_keys()}
    png = charts.png(charts.radar(scores, baseline))
    assert png.startswith(b"\x89PNG")
    caption = charts.radar_caption(scores, baseline)
    for s in content.stages():
        assert s.title in caption
    assert "(baseline 50)" in caption
    assert "The lowest right now is Safety, readiness and baseline, which may be an area to focus on" in caption


def test_radar_with_some_stages_only_still_draws() -> None:
    assert charts.png(charts.radar({"uncover": 40})).startswith(b"\x89PNG")


def test_empty_captions_say_there_is_nothing_yet() -> None:
    assert "nothing to draw" in charts.radar_caption({})
    assert "nothing to draw" in charts.pulse_caption([])


def test_pulse_chart_and_caption_describe_the_trend() -> None:
    dims = {"predictability": 20, "dependability": 40, "faith": 60}
    points = [PulsePoint("2026-01-01", 30, dims), PulsePoint("2026-01-08", 55, dims)]
    assert charts.png(charts.pulse_chart(points)).startswith(b"\x89PNG")
    caption = charts.pulse_caption(points)
    assert "latest is 55" in caption and "higher than the first (30)" in caption
    fig = charts.pulse_chart(points)
    colours = {line.get_color().upper() for line in fig.axes[0].get_lines()}
    assert colours <= {c.upper() for c in charts.OKABE_ITO.values()}
    assert len({line.get_linestyle() for line in fig.axes[0].get_lines()}) == 4


def test_every_chart_keeps_its_text_readable_on_a_phone() -> None:
    """A chart is an image that shrinks with the screen: at 390 px wide, text must stay about 12 px or more."""
    from matplotlib.text import Text

    from trust_workshop.model import progress as pm
    from trust_workshop.views import charts as ch

    points = [pm.PulsePoint(date=f"2026-10-0{d}", score=50, dimensions={"predictability": 50, "dependability": 50,
                                                                          "faith": 50}) for d in range(1, 5)]
    figures = [ch.pulse_chart(points), ch.kept_rate_chart([pm.WeekRate("2026-10-05", 3, 2)]),
               ch.radar({"safety": 50})]
    import io

    from PIL import Image

    for fig in figures:
        width_px = Image.open(io.BytesIO(ch.png(fig))).size[0]  # the image as drawn, legend and all
        smallest = min(t.get_fontsize() for t in fig.findobj(Text) if t.get_text())
        on_a_phone = smallest * 100 / 72 * min(1.0, 390 / width_px)
        assert on_a_phone >= 11.5, (fig, smallest, width_px)


def test_every_chart_is_described_by_its_caption_for_screen_readers(opened) -> None:
    """A chart is a picture whose alternative text is its caption: the same information in words."""
    import trust_workshop as tw

    from .. import ui

    for stage in ("safety", "uncover"):
        view = tw.checkin(stage)
        for q in view.questions:
            q.buttons.value = 4
    tw.pulse()
    for q in tw.pulse().questions:
        q.buttons.value = 3
    progress = tw.progress()
    alts = ui.charts(progress)
    assert len(alts) == 2 and all(len(a) > 20 for a in alts)
    assert alts == progress.captions, "the alternative text is the caption, word for word"
    page = ui.markup(progress)
    assert "aria-hidden='true'" in page, "the caption under the picture is not read twice"
