peaksim_validation(test_tail_metrics test_tail_metrics.cpp ${PROJECT_SOURCE_DIR}/cli/tail_report.cpp)
